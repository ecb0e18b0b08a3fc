#!/usr/bin/env python3
"""Writes a realistic RSS 2.0 blog feed of N items (default 1,000) for the parsing benchmark.

Each item has a title, a link, a guid, a pubDate, an author, two categories, a short
description and a few paragraphs of HTML in content:encoded, in French with accents, entities
and a comment count, as WordPress writes them. Deterministic: the same N gives the same file.
Usage: make_feed.py OUT.xml [N]
"""
import random
import sys

WORDS = ("croissant levain beurre farine boulangerie livraison samedi dimanche équipe délicieux "
         "fournée pâtisserie café crème brûlée commande client merci recette saison galette "
         "chocolat noisette framboise épeautre seigle four matin quartier marché").split()


def paragraph(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(25, 60))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def main(path, count):
    rng = random.Random(20261123)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
        'xmlns:slash="http://purl.org/rss/1.0/modules/slash/">',
        "<channel><title>Boulangerie M&#233;lisse &#8211; le blog</title>"
        "<link>https://melisse.example/</link><language>fr-FR</language>",
    ]
    for i in range(count):
        day = 1 + i % 28
        content = "".join(f"<p>{paragraph(rng)} <strong>{rng.choice(WORDS)}</strong> &amp; {rng.choice(WORDS)}&nbsp;!</p>"
                          for _ in range(rng.randint(2, 5)))
        out.append(
            f"<item><title>Billet {i} : {rng.choice(WORDS)} et {rng.choice(WORDS)}</title>"
            f"<link>https://melisse.example/2024/{1 + i % 12:02d}/billet-{i}/</link>"
            f"<dc:creator><![CDATA[Anna]]></dc:creator>"
            f"<pubDate>Tue, {day:02d} Oct 2024 {i % 24:02d}:{i % 60:02d}:00 +0200</pubDate>"
            f"<category><![CDATA[{rng.choice(WORDS)}]]></category><category><![CDATA[{rng.choice(WORDS)}]]></category>"
            f'<guid isPermaLink="false">https://melisse.example/?p={1000 + i}</guid>'
            f"<description><![CDATA[{paragraph(rng)[:200]} […]]]></description>"
            f"<content:encoded><![CDATA[{content}]]></content:encoded>"
            f"<wfw:commentRss>https://melisse.example/2024/billet-{i}/feed/</wfw:commentRss>"
            f"<slash:comments>{rng.randint(0, 12)}</slash:comments></item>"
        )
    out.append("</channel></rss>")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000)

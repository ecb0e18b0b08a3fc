import BabillardStore

/// Reply templates the demo workspace starts with: the courteous first answers a community
/// manager writes every day, in French and English.
enum DemoReplyTemplates {
    static let all: [ReplyTemplate] = [
        ReplyTemplate(name: "Excuses et suite", language: "fr", body: "Bonjour, merci de nous l'avoir signalé et désolés pour ce désagrément. Pouvez-vous nous écrire en message privé avec votre numéro de commande ? Nous regardons cela aujourd'hui même."),
        ReplyTemplate(name: "Réponse à une question", language: "fr", body: "Bonjour et merci pour votre question ! "),
        ReplyTemplate(name: "Merci", language: "fr", body: "Merci beaucoup pour ce gentil message, toute l'équipe est ravie. À très bientôt !"),
        ReplyTemplate(name: "Apology and follow-up", language: "en", body: "Hello, thank you for letting us know, and we are sorry about this. Could you send us a private message with your order number? We will look into it today."),
        ReplyTemplate(name: "Answer to a question", language: "en", body: "Hello, and thank you for your question! "),
        ReplyTemplate(name: "Thanks", language: "en", body: "Thank you so much for your kind words, the whole team is delighted. See you soon!"),
    ]
}

import BabillardCore

/// Where a demo item lives.
enum DemoPlatform: UInt8, Sendable, CaseIterable {
    case blog, mastodon, bluesky, google, tripadvisor, foursquare

    var platform: Platform {
        switch self {
        case .blog: return .blog
        case .mastodon: return .mastodon
        case .bluesky: return .bluesky
        case .google: return Self.googlePlatform
        case .tripadvisor: return Self.tripadvisorPlatform
        case .foursquare: return .foursquare
        }
    }

    private static let googlePlatform = Platform("google")
    private static let tripadvisorPlatform = Platform("tripadvisor")
}

/// Ids in each platform's own shape: Mastodon snowflakes, Bluesky TIDs and DIDs, Google
/// review ids, Foursquare object ids, blog permalinks.
enum DemoIdentifiers {
    /// A Mastodon status id: milliseconds since 1970 shifted left 16 bits, plus a sequence.
    static func snowflake(ms: Int64, serial: UInt64) -> UInt64 {
        UInt64(ms) << 16 | (serial & 0xFFFF)
    }

    private static let sortableBase32 = Array("234567abcdefghijklmnopqrstuvwxyz".utf8)
    private static let base32 = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// A Bluesky record key (TID): 13 characters of base32-sortable over microseconds and a clock id.
    static func tid(ms: Int64, serial: UInt64) -> String {
        let micros = UInt64(ms) * 1000 + serial % 1000
        var value = (micros << 10 | (serial >> 10 & 0x3FF)) & 0x7FFF_FFFF_FFFF_FFFF
        return String(unsafeUninitializedCapacity: 13) { buffer in
            for index in stride(from: 12, through: 0, by: -1) {
                buffer[index] = sortableBase32[Int(value & 31)]
                value >>= 5
            }
            return 13
        }
    }

    /// `did:plc:` and 24 base32 characters.
    static func did(_ hash: UInt64) -> String {
        var a = SplitMix64.mix(hash ^ 0xD1D)
        var b = SplitMix64.mix(a)
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var i = 0
            for byte in "did:plc:".utf8 {
                buffer[i] = byte
                i += 1
            }
            for index in 0..<24 {
                if index < 12 {
                    buffer[i] = base32[Int(a & 31)]
                    a >>= 5
                } else {
                    buffer[i] = base32[Int(b & 31)]
                    b >>= 5
                }
                i += 1
            }
            return i
        }
    }

    /// 21 digits, like a Google Maps contributor id.
    static func googleContributor(_ hash: UInt64) -> String {
        func ten(_ value: UInt64) -> String {
            let digits = String(value % 10_000_000_000)
            return String(repeating: "0", count: 10 - digits.count) + digits
        }
        let a = SplitMix64.mix(hash ^ 0x600613)
        return "1" + ten(a) + ten(SplitMix64.mix(a))
    }

    static func hex32(_ hash: UInt64) -> String {
        hex(SplitMix64.mix(hash ^ 0x7A1), digits: 16) + hex(SplitMix64.mix(hash ^ 0x7A2), digits: 16)
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        var v = value
        return String(unsafeUninitializedCapacity: digits) { buffer in
            for index in stride(from: digits - 1, through: 0, by: -1) {
                buffer[index] = hexDigits[Int(v & 15)]
                v >>= 4
            }
            return digits
        }
    }

    /// A Google review id (the base64 shape of the Places API `review_id`).
    static func googleReview(serial: UInt64, seed: UInt64) -> String {
        var bytes = Array("ChZDSUhNMG9nS0VJQ0FnSU".utf8)
        var a = SplitMix64.hash(seed, serial, 0x6006)
        var b = SplitMix64.mix(a)
        for index in 0..<20 {
            if index < 10 {
                bytes.append(base64[Int(a & 63)])
                a >>= 6
            } else {
                bytes.append(base64[Int(b & 63)])
                b >>= 6
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A Foursquare object id: 24 hex digits starting with the creation time in seconds.
    static func foursquare(ms: Int64, serial: UInt64, seed: UInt64) -> String {
        hex(UInt64(ms / 1000) & 0xFFFF_FFFF, digits: 8) + hex(SplitMix64.hash(seed, serial, 0x45C), digits: 16)
    }

    /// "C'est la saison du pain d’épices" → "cest-la-saison-du-pain-depices".
    static func slug(_ title: String) -> String {
        var bytes: [UInt8] = []
        var dash = false
        for scalar in CustomerVoice.withoutAccents(title).lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if dash, !bytes.isEmpty { bytes.append(0x2D) }
                dash = false
                bytes.append(UInt8(scalar.value))
            } else if scalar == "'" || scalar == "’" {
                continue
            } else {
                dash = true
            }
        }
        return String(decoding: bytes.prefix(60), as: UTF8.self)
    }
}

/// Joins strings with one allocation (string interpolation grows its buffer piece by piece,
/// which shows at millions of ids).
@inline(__always)
func joined(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "") -> String {
    let total = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count
    return String(unsafeUninitializedCapacity: total) { buffer in
        var offset = 0
        @inline(__always) func copy(_ part: String) {
            let done = part.utf8.withContiguousStorageIfAvailable { source -> Bool in
                guard let base = source.baseAddress, source.count > 0 else { return true }
                (buffer.baseAddress! + offset).update(from: base, count: source.count)
                offset += source.count
                return true
            }
            if done == nil {
                for byte in part.utf8 {
                    buffer[offset] = byte
                    offset += 1
                }
            }
        }
        copy(a)
        copy(b)
        copy(c)
        copy(d)
        copy(e)
        return offset
    }
}

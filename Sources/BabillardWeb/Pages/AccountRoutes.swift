import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import Logging

/// First-run set-up, signing in (with the optional second factor), signing out, choosing a
/// workspace, and one's own account (language, password, second factor).
struct AccountRoutes {
    let services: WebServices
    var store: any Store { services.store }
    var strings: StringCatalogue { services.strings }

    func register(on router: Router<WebRequestContext>) {
        router.get("setup") { request, context in
            guard try await store.userCount() == 0 else { return PageRenderer.redirect(to: "/login") }
            let token = try QueryInput(request)["token"]
            guard let token, SecretTokens.equal(token, services.setupToken) else {
                // Whoever reaches the server first must not become its owner: the set-up address,
                // with its token, is printed where the server was started.
                return services.renderer.page("setup-token", title: strings["setup_title", context.locale], data: [:], context: context, status: .forbidden)
            }
            return setupPage(context, error: nil, email: "", name: "", workspace: "", token: token)
        }
        router.post("setup") { request, context in try await setup(request, context) }
        router.get("login") { request, context in
            if try await store.userCount() == 0 { return PageRenderer.redirect(to: "/setup") }
            return loginPage(context, error: nil, email: "", next: try QueryInput(request)["next"])
        }
        router.post("login") { request, context in try await login(request, context) }
        router.get("login/code") { request, context in
            guard context.session?.secondFactorPending == true else { return PageRenderer.redirect(to: "/login") }
            let next = Self.safeNext(try QueryInput(request)["next"])
            return services.renderer.page(
                "login-code", title: strings["login_code_title", context.locale],
                data: ["next": next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"], context: context)
        }
        router.post("login/code") { request, context in try await secondFactor(request, context) }
        router.post("logout") { request, context in
            _ = try await FormInput.read(request, context: context)
            if let session = context.session { try await store.deleteSession(tokenHash: session.tokenHash) }
            var response = PageRenderer.redirect(to: "/login")
            response.setCookie(expiredSessionCookie)
            return response
        }
        router.get("workspaces") { _, context in
            let user = try signedIn(context)
            let memberships = try await store.memberships(ofUser: user.id)
            return services.renderer.page(
                "workspaces", title: strings["workspaces_title", context.locale],
                data: ["workspaces": memberships.map { ["id": $0.workspace.id, "name": $0.workspace.name, "role": strings["role_\($0.role.rawValue)", context.locale]] }],
                context: context)
        }
        router.get("account") { _, context in accountPage(try signedIn(context), context, message: nil, totpSetup: nil) }
        router.post("account") { request, context in try await updateAccount(request, context) }
    }

    func signedIn(_ context: WebRequestContext) throws -> UserRecord {
        guard let user = context.user, context.session?.secondFactorPending == false else { throw WebError.notSignedIn }
        return user
    }

    var expiredSessionCookie: Cookie {
        Cookie(name: WebCookies.session, value: "", expires: Date(timeIntervalSince1970: 0), path: "/", secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    // MARK: Set-up

    func setupPage(_ context: WebRequestContext, error: String?, email: String, name: String, workspace: String, token: String, status: HTTPResponse.Status = .ok) -> Response {
        services.renderer.page(
            "setup", title: strings["setup_title", context.locale],
            data: ["error": error as Any, "email": email, "name": name, "workspaceName": workspace, "visitorCSRF": context.session?.csrfToken ?? context.visitorCSRF ?? "",
                   "setupToken": token],
            context: context, status: status)
    }

    func setup(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let form = try await FormInput.read(request, context: context)
        let token = form["setup_token"] ?? ""
        guard SecretTokens.equal(token, services.setupToken), try await store.userCount() == 0 else { throw WebError.forbidden(needed: .owner) }
        let email = form.trimmed("email") ?? "", name = form.trimmed("name") ?? "", workspaceName = form.trimmed("workspace") ?? "default"
        let password = form["password"] ?? ""
        if !email.contains("@") {
            return setupPage(context, error: strings["error_email", context.locale], email: email, name: name, workspace: workspaceName, token: token, status: .badRequest)
        }
        if let weakness = PasswordHashing.weakness(of: password) {
            return setupPage(context, error: weakness, email: email, name: name, workspace: workspaceName, token: token, status: .badRequest)
        }
        let now = Timestamp.now
        let hash = await PasswordHashing.hash(password, cost: services.configuration.bcryptCost)
        // Created only if there is still nobody, in one transaction (two set-ups racing: one wins).
        guard let user = try await store.createFirstUser(
            email: email, displayName: name.isEmpty ? email : name, passwordHash: hash, locale: context.locale.rawValue, at: now)
        else { throw WebError.forbidden(needed: .owner) }
        let workspace = try await store.workspace(named: workspaceName)
        try await store.setMembership(userID: user.id, role: .owner, in: workspace, at: now)
        return try await openSession(for: user, workspaceID: workspace.id, pendingSecondFactor: false, next: "/w/\(workspace.id)/overview")
    }

    // MARK: Signing in

    func loginPage(_ context: WebRequestContext, error: String?, email: String, next: String?, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        services.renderer.page(
            "login", title: strings["login_title", context.locale],
            data: ["error": error as Any, "email": email, "next": next ?? "", "visitorCSRF": context.session?.csrfToken ?? context.visitorCSRF ?? ""],
            context: context, status: status, headers: headers)
    }

    func login(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let form = try await FormInput.read(request, context: context)
        let email = SQLiteStore.normalizedEmail(form["email"] ?? "")
        let password = form["password"] ?? ""
        // The connection's address: X-Forwarded-For is not trusted (anyone can write it).
        let keys = ["email:" + email, "client:" + context.remoteAddress]
        let now = Timestamp.now.epochMilliseconds
        // The attempt counts as a failure before the password is checked, so that parallel
        // requests cannot all slip under the limit while bcrypt runs; success clears it.
        if let wait = await services.throttle.reserve(keys: keys, now: now) {
            context.logger.notice("sign-in refused: too many attempts", metadata: ["email": "\(Self.loggable(email))"])
            throw WebError.tooManyAttempts(retryAfter: wait)
        }
        // Compare against a real hash even for an unknown address, so that timing tells nothing.
        let user = try await store.user(email: email)
        let valid = await PasswordHashing.verify(password, hash: user?.passwordHash ?? services.decoyHash)
        guard let user, valid else {
            context.logger.notice("sign-in failed", metadata: ["email": "\(Self.loggable(email))"])
            return loginPage(context, error: strings["login_failed", context.locale], email: email, next: form["next"], status: .unauthorized)
        }
        await services.throttle.recordSuccess(keys: keys)
        let next = Self.safeNext(form["next"])
        return try await openSession(for: user, workspaceID: nil, pendingSecondFactor: user.totpSecret != nil, next: user.totpSecret != nil ? "/login/code?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")" : next)
    }


    /// Only paths of this site are followed after signing in (no open redirect): a single leading
    /// slash, then no second slash or backslash, and no control character or space anywhere
    /// (browsers drop tabs and newlines, which would turn "/\t/evil" into "//evil").
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "\\" }),
              let second = next.dropFirst().first, second != "/"
        else { return next == "/" ? "/" : "/" }
        return next
    }

    /// What the logs may say of a typed address: the address when it looks like one, never a
    /// password typed into the wrong box.
    static func loggable(_ email: String) -> String {
        email.contains("@") && !email.contains(" ") && email.count < 200 ? email : "(not an address)"
    }

    func openSession(for user: UserRecord, workspaceID: Int64?, pendingSecondFactor: Bool, next: String) async throws -> Response {
        let token = SecretTokens.random()
        let now = Timestamp.now
        let lifetime = pendingSecondFactor ? 600 : services.configuration.sessionLifetimeSeconds
        try await store.createSession(
            WebSessionRecord(
                tokenHash: SecretTokens.digest(token), userID: user.id, workspaceID: workspaceID, csrfToken: SecretTokens.random(),
                secondFactorPending: pendingSecondFactor, expiresAt: Timestamp(epochMilliseconds: now.epochMilliseconds + lifetime * 1000)),
            at: now)
        _ = try? await store.deleteExpiredSessions(at: now)
        var response = PageRenderer.redirect(to: next)
        response.setCookie(Cookie(
            name: WebCookies.session, value: token, maxAge: Int(lifetime), path: "/", secure: services.configuration.secureCookies, httpOnly: true,
            sameSite: .lax))
        return response
    }

    func secondFactor(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let form = try await FormInput.read(request, context: context)
        guard let session = context.session, session.secondFactorPending, let user = context.user, let secret = user.totpSecret else {
            return PageRenderer.redirect(to: "/login")
        }
        let keys = ["totp:\(user.id)"]
        let now = Timestamp.now
        if let wait = await services.throttle.reserve(keys: keys, now: now.epochMilliseconds) { throw WebError.tooManyAttempts(retryAfter: wait) }
        guard let code = form.trimmed("code").map({ $0.filter(\.isNumber) }), let step = Self.totpStep(code, secret: secret, at: Date()),
              step > (user.totpLastStep ?? 0)
        else {
            return services.renderer.page(
                "login-code", title: strings["login_code_title", context.locale], data: ["error": strings["login_code_failed", context.locale]],
                context: context, status: .unauthorized)
        }
        await services.throttle.recordSuccess(keys: keys)
        // A code works once (no replay within its 90 seconds), and a new session token replaces
        // the half-open one.
        try await store.updateUser(id: user.id, passwordHash: nil, locale: nil, totpSecret: nil, displayName: nil, totpLastStep: step)
        try await store.deleteSession(tokenHash: session.tokenHash)
        return try await openSession(for: user, workspaceID: nil, pendingSecondFactor: false, next: Self.safeNext(try QueryInput(request)["next"]))
    }

    /// The code of this 30-second step or of the one before or after (clocks drift).
    static func totpMatches(_ code: String, secret: String, at date: Date) -> Bool {
        totpStep(code, secret: secret, at: date) != nil
    }

    /// The 30-second step whose code this is (this one, the one before or after), or nil.
    static func totpStep(_ code: String, secret: String, at date: Date) -> Int64? {
        guard code.count == 6, let value = Int(code) else { return nil }
        let totp = TOTP(secret: secret)
        for offset in [-30.0, 0, 30] where totp.compute(date: date.addingTimeInterval(offset)) == value {
            return Int64(date.addingTimeInterval(offset).timeIntervalSince1970) / 30
        }
        return nil
    }

    // MARK: Own account

    func accountPage(_ user: UserRecord, _ context: WebRequestContext, message: String?, totpSetup: (secret: String, url: String)?, status: HTTPResponse.Status = .ok) -> Response {
        var data: [String: Any] = [
            "email": user.email, "name": user.displayName, "localeFr": user.locale == "fr", "localeEn": user.locale == "en",
            "localeAuto": user.locale == nil, "totpOn": user.totpSecret != nil, "message": message as Any,
        ]
        if let totpSetup { data["totpSetup"] = ["secret": totpSetup.secret, "url": totpSetup.url] }
        return services.renderer.page("account", title: strings["account_title", context.locale], data: data, context: context, status: status)
    }

    func updateAccount(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let user = try signedIn(context)
        let form = try await FormInput.read(request, context: context)
        switch form["action"] {
        case "locale":
            let locale = form["locale"].flatMap(WebLocale.init(rawValue:))?.rawValue
            try await store.updateUser(id: user.id, passwordHash: nil, locale: .some(locale), totpSecret: nil, displayName: nil, totpLastStep: nil)
            return PageRenderer.redirect(to: "/account")
        case "password":
            guard await PasswordHashing.verify(form["current"] ?? "", hash: user.passwordHash) else {
                return accountPage(user, context, message: strings["account_wrong_password", context.locale], totpSetup: nil, status: .badRequest)
            }
            let new = form["new"] ?? ""
            if let weakness = PasswordHashing.weakness(of: new) { return accountPage(user, context, message: weakness, totpSetup: nil, status: .badRequest) }
            let hash = await PasswordHashing.hash(new, cost: services.configuration.bcryptCost)
            try await store.updateUser(id: user.id, passwordHash: hash, locale: nil, totpSecret: nil, displayName: nil, totpLastStep: nil)
            // Whoever else holds a session of this account (a stolen cookie) is signed out.
            try await store.deleteSessions(ofUser: user.id, except: context.session?.tokenHash)
            return accountPage(user, context, message: strings["account_password_changed", context.locale], totpSetup: nil)
        case "totp-start":
            let secret = String(SecretTokens.random().prefix(20))
            return accountPage(user, context, message: nil, totpSetup: (secret, TOTP(secret: secret).createAuthenticatorURL(label: user.email, issuer: "Babillard")))
        case "totp-confirm":
            let secret = form["secret"] ?? ""
            guard secret.count == 20, Self.totpMatches(form["code"]?.filter(\.isNumber) ?? "", secret: secret, at: Date()) else {
                return accountPage(
                    user, context, message: strings["login_code_failed", context.locale],
                    totpSetup: (secret, TOTP(secret: secret).createAuthenticatorURL(label: user.email, issuer: "Babillard")), status: .badRequest)
            }
            try await store.updateUser(id: user.id, passwordHash: nil, locale: nil, totpSecret: .some(secret), displayName: nil, totpLastStep: nil)
            try await store.deleteSessions(ofUser: user.id, except: context.session?.tokenHash)
            return accountPage(try await store.user(id: user.id) ?? user, context, message: strings["account_totp_on", context.locale], totpSetup: nil)
        case "totp-off":
            guard await PasswordHashing.verify(form["current"] ?? "", hash: user.passwordHash) else {
                return accountPage(user, context, message: strings["account_wrong_password", context.locale], totpSetup: nil, status: .badRequest)
            }
            try await store.updateUser(id: user.id, passwordHash: nil, locale: nil, totpSecret: .some(nil), displayName: nil, totpLastStep: nil)
            return accountPage(try await store.user(id: user.id) ?? user, context, message: strings["account_totp_off", context.locale], totpSetup: nil)
        default:
            throw WebError.badRequest(key: "error_bad_request")
        }
    }
}

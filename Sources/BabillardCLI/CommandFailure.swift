/// A command that could not do its work (a dataset it cannot read, an item that does not exist),
/// as opposed to a mistake in how it was called. The argument parser prints it as
/// "Error: <sentence>" with exit status 1; a `ValidationError` would add the usage text and
/// exit 64, which tells the user to fix arguments that were fine.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

namespace Homelab.Provider.Framework.Diagnostics;

/// <summary>
/// A failure that is the user's or the environment's, not the provider's: the server turns it into
/// one error diagnostic (<see cref="Summary"/>, the message as detail, on <see cref="Path"/> when
/// set) on the resource whose call threw it, and keeps whatever state the call produced before
/// throwing. Everything else that escapes a resource is reported as "Unexpected provider error".
/// Resources throw it (or a subclass such as a host error) instead of catching in every method.
/// </summary>
public class DiagnosticException : Exception
{
    public DiagnosticException(string summary, string detail, AttrPath? path = null, Exception? inner = null)
        : base(detail, inner)
    {
        Summary = summary;
        Path = path;
    }

    public DiagnosticException()
        : this("Error", "The operation failed.")
    {
    }

    public DiagnosticException(string message)
        : this("Error", message)
    {
    }

    public DiagnosticException(string message, Exception innerException)
        : this("Error", message, null, innerException)
    {
    }

    public string Summary { get; }

    /// <summary>The attribute the failure belongs to; null = the whole resource.</summary>
    public AttrPath? Path { get; }

    /// <summary>The error diagnostic this exception stands for.</summary>
    public Diagnostic ToDiagnostic() => new(Severity.Error, Summary, Message, Path);
}

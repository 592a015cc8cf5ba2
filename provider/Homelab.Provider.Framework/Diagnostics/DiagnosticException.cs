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
    /// <summary>A failure reported as one error diagnostic with <paramref name="summary"/> and <paramref name="detail"/>, on <paramref name="path"/> when given.</summary>
    /// <param name="summary">The diagnostic's headline, e.g. "Dataset not found".</param>
    /// <param name="detail">What went wrong and how to fix it; becomes <see cref="Exception.Message"/> and the diagnostic's detail.</param>
    /// <param name="path">The attribute to point at (e.g. <c>AttrPath.Attribute("name")</c>); null for the resource as a whole.</param>
    /// <param name="inner">The underlying exception, if any; it is not shown to the user.</param>
    public DiagnosticException(string summary, string detail, AttrPath? path = null, Exception? inner = null)
        : base(detail, inner)
    {
        Summary = summary;
        Path = path;
    }

    /// <summary>A failure with summary "Error" and detail "The operation failed.". Prefer the constructor that takes a summary and a detail.</summary>
    public DiagnosticException()
        : this("Error", "The operation failed.")
    {
    }

    /// <summary>A failure with summary "Error" and <paramref name="message"/> as the detail, on the resource as a whole.</summary>
    /// <param name="message">The diagnostic's detail.</param>
    public DiagnosticException(string message)
        : this("Error", message)
    {
    }

    /// <summary>A failure with summary "Error", <paramref name="message"/> as the detail, on the resource as a whole.</summary>
    /// <param name="message">The diagnostic's detail.</param>
    /// <param name="innerException">The underlying exception; it is not shown to the user.</param>
    public DiagnosticException(string message, Exception innerException)
        : this("Error", message, null, innerException)
    {
    }

    /// <summary>The headline of the error diagnostic; the exception's <see cref="Exception.Message"/> is its detail.</summary>
    public string Summary { get; }

    /// <summary>The attribute the failure belongs to; null = the whole resource.</summary>
    public AttrPath? Path { get; }

    /// <summary>The error diagnostic this exception stands for.</summary>
    public Diagnostic ToDiagnostic() => new(Severity.Error, Summary, Message, Path);
}

namespace Homelab.Provider.Host;

/// <summary>
/// A host could not run a command at all: connection refused, authentication failed, host key
/// refused, timeout, cancellation by the client. (A command that ran and failed is a
/// <see cref="CommandResult"/> with a non-zero exit code, not an exception.) Resources turn this
/// into an error diagnostic with <see cref="Summary"/> and <see cref="Exception.Message"/> as detail.
/// </summary>
public sealed class HostException : Exception
{
    public HostException(string summary, string detail, Exception? inner = null)
        : base(detail, inner)
    {
        Summary = summary;
    }

    public HostException()
        : this("Host error", "The host could not run the command.")
    {
    }

    public HostException(string message)
        : this("Host error", message)
    {
    }

    public HostException(string message, Exception innerException)
        : this("Host error", message, innerException)
    {
    }

    public string Summary { get; }
}

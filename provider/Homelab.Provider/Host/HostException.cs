using Homelab.Provider.Framework.Diagnostics;

namespace Homelab.Provider.Host;

/// <summary>
/// A host could not do what was asked: connection refused, authentication failed, host key
/// refused, timeout, an unknown remote, a state file that cannot be written. (A command that ran
/// and failed is a <see cref="CommandResult"/> with a non-zero exit code, not an exception.)
/// Resources let it propagate: the framework reports it as an error diagnostic on the resource
/// (on <see cref="DiagnosticException.Path"/> when the failure belongs to one attribute), keeping
/// any state the call set before, so no resource needs its own catch.
/// </summary>
public sealed class HostException : DiagnosticException
{
    public HostException(string summary, string detail, Exception? inner = null)
        : base(summary, detail, null, inner)
    {
    }

    public HostException(string summary, string detail, AttrPath? path)
        : base(summary, detail, path)
    {
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
}

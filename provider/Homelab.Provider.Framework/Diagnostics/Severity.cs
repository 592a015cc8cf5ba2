namespace Homelab.Provider.Framework.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}

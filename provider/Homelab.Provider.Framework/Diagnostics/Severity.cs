namespace Homelab.Provider.Framework.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum Severity
{
    /// <summary>The operation fails; Terraform stops and shows the diagnostic.</summary>
    Error,
    /// <summary>Terraform shows the diagnostic and carries on.</summary>
    Warning,
}

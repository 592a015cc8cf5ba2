namespace Homelab.Provider.Framework.Values;

/// <summary>Whether a value is null, not yet known, or known. Null and unknown are never conflated.</summary>
public enum ValueKind
{
    /// <summary>No value: the attribute is unset (or explicitly <c>null</c> in configuration).</summary>
    Null,
    /// <summary>A value that exists but is not known yet ("known after apply"); only in configurations and plans, never in state.</summary>
    Unknown,
    /// <summary>A known, non-null value. A known collection or object may still contain unknown or null elements.</summary>
    Known,
}

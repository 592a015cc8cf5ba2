namespace Homelab.Provider.Framework.Values;

/// <summary>Whether a value is null, not yet known, or known. Null and unknown are never conflated.</summary>
public enum ValueKind
{
    Null,
    Unknown,
    Known,
}

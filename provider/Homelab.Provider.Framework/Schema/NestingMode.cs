namespace Homelab.Provider.Framework.Schema;

/// <summary>How a nested block or nested attribute object repeats.</summary>
public enum NestingMode
{
    Single,
    List,
    Set,
    Map,

    /// <summary>Blocks only: like Single, but never null (absent means all attributes null).</summary>
    Group,
}

namespace Homelab.Provider.Framework.Schema;

/// <summary>How a nested block or nested attribute object repeats.</summary>
public enum NestingMode
{
    /// <summary>At most one: the value is one object, or null when absent.</summary>
    Single,
    /// <summary>An ordered list of objects; elements are addressed by index (<see cref="Diagnostics.AttrPath.Index"/>).</summary>
    List,
    /// <summary>An unordered set of objects without duplicates. Elements cannot be matched to prior ones, so the default planner keeps the client's proposal for them.</summary>
    Set,
    /// <summary>A map of objects by string key; elements are addressed by key (<see cref="Diagnostics.AttrPath.Key"/>).</summary>
    Map,

    /// <summary>Blocks only: like Single, but never null (absent means all attributes null).</summary>
    Group,
}

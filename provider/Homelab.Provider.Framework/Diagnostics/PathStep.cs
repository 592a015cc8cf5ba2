namespace Homelab.Provider.Framework.Diagnostics;

/// <summary>What a <see cref="PathStep"/> selects.</summary>
public enum PathStepKind
{
    /// <summary>An attribute of an object (an attribute, nested attribute or nested block by name); <see cref="PathStep.Name"/> holds the name.</summary>
    Attribute,
    /// <summary>An element of a map by key; <see cref="PathStep.Name"/> holds the key.</summary>
    StringKey,
    /// <summary>An element of a list or tuple by 0-based position; <see cref="PathStep.Index"/> holds it.</summary>
    IntKey,
}

/// <summary>One step of an <see cref="AttrPath"/>.</summary>
public readonly record struct PathStep(PathStepKind Kind, string Name, long Index)
{
    /// <summary>A step into attribute <paramref name="name"/> of an object.</summary>
    /// <param name="name">The attribute or nested block type name.</param>
    /// <returns>The step.</returns>
    public static PathStep Attribute(string name) => new(PathStepKind.Attribute, name, 0);

    /// <summary>A step to the map element with key <paramref name="key"/>.</summary>
    /// <param name="key">The map key.</param>
    /// <returns>The step.</returns>
    public static PathStep StringKey(string key) => new(PathStepKind.StringKey, key, 0);

    /// <summary>A step to the list or tuple element at <paramref name="index"/>.</summary>
    /// <param name="index">The 0-based position.</param>
    /// <returns>The step.</returns>
    public static PathStep IntKey(long index) => new(PathStepKind.IntKey, "", index);
}

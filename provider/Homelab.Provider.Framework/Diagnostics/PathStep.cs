namespace Homelab.Provider.Framework.Diagnostics;

public enum PathStepKind
{
    Attribute,
    StringKey,
    IntKey,
}

/// <summary>One step of an <see cref="AttrPath"/>.</summary>
public readonly record struct PathStep(PathStepKind Kind, string Name, long Index)
{
    public static PathStep Attribute(string name) => new(PathStepKind.Attribute, name, 0);

    public static PathStep StringKey(string key) => new(PathStepKind.StringKey, key, 0);

    public static PathStep IntKey(long index) => new(PathStepKind.IntKey, "", index);
}

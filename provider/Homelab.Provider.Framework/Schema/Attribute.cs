using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>
/// One schema attribute: its wire properties plus the plan behaviour the default planner applies
/// (defaults, replacement, keeping prior state for unknown computed values) and validators.
/// </summary>
public sealed record Attribute
{
    public Attribute(string name, TfType type, string description)
    {
        Name = name;
        Type = type;
        Description = description;
    }

    public Attribute(string name, NestedAttributes nested, string description)
    {
        Name = name;
        Nested = nested;
        Type = nested.ImpliedType;
        Description = description;
    }

    public string Name { get; }

    /// <summary>The value type (for nested attributes: the type the nesting implies).</summary>
    public TfType Type { get; }

    public NestedAttributes? Nested { get; }

    /// <summary>Markdown; editors show it on hover and the docs generator renders it.</summary>
    public string Description { get; init; }

    public bool Required { get; init; }

    public bool Optional { get; init; }

    public bool Computed { get; init; }

    public bool Sensitive { get; init; }

    /// <summary>Sent in config only, never stored in plan or state (protocol 6.8+, Terraform 1.11+).</summary>
    public bool WriteOnly { get; init; }

    /// <summary>Non-null marks the attribute deprecated; the text says what to use instead.</summary>
    public string? DeprecationMessage { get; init; }

    /// <summary>A change of this attribute forces the resource to be replaced.</summary>
    public bool RequiresReplace { get; init; }

    /// <summary>Planned when the configuration leaves this (optional + computed) attribute null.</summary>
    public TfValue? Default { get; init; }

    /// <summary>Keep the prior state's value instead of planning unknown when other attributes change.</summary>
    public bool UseStateForUnknown { get; init; }

    public IReadOnlyList<IValueValidator> Validators { get; init; } = [];

    /// <summary>Optional + computed with no config value: the provider decides.</summary>
    public bool IsOptionalComputed => Optional && Computed;

    public Attribute Validate()
    {
        if (Required && (Optional || Computed))
        {
            throw new InvalidOperationException($"Attribute {Name}: required excludes optional and computed.");
        }
        if (!Required && !Optional && !Computed)
        {
            throw new InvalidOperationException($"Attribute {Name}: must be required, optional or computed.");
        }
        if (Default is not null && !Computed)
        {
            throw new InvalidOperationException($"Attribute {Name}: a default needs optional + computed, or the client rejects the plan.");
        }
        if (Default is not null && !Default.Type.Equals(Type))
        {
            throw new InvalidOperationException($"Attribute {Name}: default of type {Default.Type} does not match {Type}.");
        }
        if (UseStateForUnknown && !Computed)
        {
            throw new InvalidOperationException($"Attribute {Name}: UseStateForUnknown only applies to computed attributes.");
        }
        if (WriteOnly && (Computed || RequiresReplace || Default is not null))
        {
            throw new InvalidOperationException($"Attribute {Name}: write-only attributes cannot be computed, defaulted or force replacement.");
        }
        return this;
    }
}

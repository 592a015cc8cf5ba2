using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>
/// One schema attribute: its wire properties plus the plan behaviour the default planner applies
/// (defaults, replacement, keeping prior state for unknown computed values) and validators.
/// </summary>
public sealed record SchemaAttribute
{
    /// <summary>
    /// An attribute holding a value of <paramref name="type"/> (primitive, collection, object…). Set
    /// <see cref="Required"/>, <see cref="Optional"/> and/or <see cref="Computed"/> with an object
    /// initializer; <see cref="Validate"/> checks the combination.
    /// </summary>
    /// <param name="name">The attribute name in configuration and the key of its value in the resource object.</param>
    /// <param name="type">The attribute's value type.</param>
    /// <param name="description">Markdown documentation; see <see cref="Description"/>.</param>
    public SchemaAttribute(string name, TfType type, string description)
    {
        Name = name;
        Type = type;
        Description = description;
    }

    /// <summary>
    /// A nested attribute (<c>name = { … }</c> or <c>name = [{ … }]</c>): its value is an object, or a
    /// list, set or map of objects, with typed attributes of its own. <see cref="Type"/> is
    /// <paramref name="nested"/>'s <see cref="NestedAttributes.ImpliedType"/>.
    /// </summary>
    /// <param name="name">The attribute name in configuration and the key of its value in the resource object.</param>
    /// <param name="nested">The inner attributes and how they nest.</param>
    /// <param name="description">Markdown documentation; see <see cref="Description"/>.</param>
    public SchemaAttribute(string name, NestedAttributes nested, string description)
    {
        Name = name;
        Nested = nested;
        Type = nested.ImpliedType;
        Description = description;
    }

    /// <summary>The attribute name in configuration and in the resource object; the step a <see cref="Diagnostics.AttrPath"/> uses to address it (<c>AttrPath.Attribute(Name)</c>).</summary>
    public string Name { get; }

    /// <summary>The value type (for nested attributes: the type the nesting implies).</summary>
    public TfType Type { get; }

    /// <summary>The inner attributes of a nested attribute; null for an attribute with a plain <see cref="Type"/>.</summary>
    public NestedAttributes? Nested { get; }

    /// <summary>Markdown; editors show it on hover and the docs generator renders it.</summary>
    public string Description { get; init; }

    /// <summary>
    /// The configuration must set it; Terraform rejects a configuration that leaves it out (it may
    /// still be unknown during plan, e.g. from another resource's known-after-apply value). Excludes
    /// <see cref="Optional"/> and <see cref="Computed"/>.
    /// </summary>
    public bool Required { get; init; }

    /// <summary>
    /// The configuration may set it. Without <see cref="Computed"/>, an unset optional attribute is
    /// null in plan and state and the provider must leave it null; with <see cref="Computed"/>, the
    /// provider chooses the value when it is unset (see <see cref="IsOptionalComputed"/>).
    /// </summary>
    public bool Optional { get; init; }

    /// <summary>
    /// The provider may set the value. Without <see cref="Optional"/> the configuration cannot set it.
    /// When the configuration leaves it null, the default planner (<see cref="Planning.Planner"/>) plans
    /// <see cref="Default"/> if there is one; otherwise unknown ("known after apply") on create, and on
    /// update the prior state's value while nothing else changes, unknown when something does (unless
    /// <see cref="UseStateForUnknown"/>). A configured value is planned as configured.
    /// </summary>
    public bool Computed { get; init; }

    /// <summary>
    /// Terraform redacts the value in plan and apply output (<c>(sensitive value)</c>). The
    /// value is still stored in state, in plain text; use <see cref="WriteOnly"/> for secrets that
    /// must not be stored. The framework only passes the flag to the client.
    /// </summary>
    public bool Sensitive { get; init; }

    /// <summary>
    /// Sent in config only, never stored in plan or state (protocol 6.8+, Terraform 1.11+): read it
    /// from the request's configuration. The planner always plans null, the framework reports a
    /// provider bug if apply or read returns a value for it, and a client without write-only support
    /// gets a validation error when the configuration sets it.
    /// </summary>
    public bool WriteOnly { get; init; }

    /// <summary>Non-null marks the attribute deprecated; the text says what to use instead.</summary>
    public string? DeprecationMessage { get; init; }

    /// <summary>
    /// A change of this attribute forces the resource to be replaced: when the planned value differs
    /// from the prior state, the planner reports its path as requires-replace, and Terraform plans
    /// destroy and create instead of an update.
    /// </summary>
    public bool RequiresReplace { get; init; }

    /// <summary>Planned when the configuration leaves this (optional + computed) attribute null.</summary>
    public TfValue? Default { get; init; }

    /// <summary>Keep the prior state's value instead of planning unknown when other attributes change.</summary>
    public bool UseStateForUnknown { get; init; }

    /// <summary>
    /// Checks run in order when the client validates the configuration, on the attribute's value
    /// only when it is known and not null; each reports by adding errors to the diagnostics with the
    /// attribute's path. On a nested attribute they see the whole value, then the inner attributes'
    /// validators run on each element.
    /// </summary>
    public IReadOnlyList<IValueValidator> Validators { get; init; } = [];

    /// <summary>Optional + computed with no config value: the provider decides.</summary>
    public bool IsOptionalComputed => Optional && Computed;

    /// <summary>
    /// Checks the flag combination against the protocol's rules, which the client would otherwise
    /// enforce with an unhelpful error: exactly one of required, optional, computed (optional +
    /// computed allowed); <see cref="Default"/> only on a computed attribute and of type
    /// <see cref="Type"/>; <see cref="UseStateForUnknown"/> only on a computed one;
    /// <see cref="WriteOnly"/> not computed, defaulted or replace-forcing.
    /// <see cref="SchemaRules.Check"/> runs it on every attribute of a provider.
    /// </summary>
    /// <returns>This attribute, so it can end an initializer expression.</returns>
    /// <exception cref="InvalidOperationException">A rule is broken; the message names the attribute and the rule.</exception>
    public SchemaAttribute Validate()
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

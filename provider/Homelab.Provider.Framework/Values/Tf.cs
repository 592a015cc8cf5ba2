namespace Homelab.Provider.Framework.Values;

/// <summary>
/// A typed view of one attribute that keeps null and unknown apart, for model binding that
/// tolerates unknowns (plans and validation see unknown values; apply and read do not).
/// </summary>
public readonly record struct Tf<T>(ValueKind Kind, T? Value)
{
    /// <summary>The attribute is null: not set in configuration, or absent in state.</summary>
    public static Tf<T> Null => new(ValueKind.Null, default);

    /// <summary>The attribute is unknown: during validation and planning, a value Terraform will only know after apply (e.g. another resource's computed attribute).</summary>
    public static Tf<T> Unknown => new(ValueKind.Unknown, default);

    /// <summary>True when the attribute is null. A null value is not unknown.</summary>
    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>True when the attribute is not known yet. Only configuration and planned values can be unknown; state after apply or read is always known.</summary>
    public bool IsUnknown => Kind == ValueKind.Unknown;

    /// <summary>True when <see cref="Value"/> holds the attribute's value (neither null nor unknown).</summary>
    public bool IsKnown => Kind == ValueKind.Known;

    /// <summary>A known value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>A <see cref="ValueKind.Known"/> view of <paramref name="value"/>.</returns>
    public static Tf<T> Of(T value) => new(ValueKind.Known, value);

    /// <summary>The value when known, otherwise <paramref name="fallback"/>.</summary>
    public T ValueOr(T fallback) => IsKnown ? Value! : fallback;

    /// <summary>The value; throws when null or unknown (use where the schema guarantees it).</summary>
    public T Get() => IsKnown ? Value! : throw new InvalidOperationException($"Value is {(IsNull ? "null" : "unknown")}.");

    /// <summary><c>null</c>, <c>(unknown)</c>, or the value's own <see cref="object.ToString"/>.</summary>
    /// <returns>The rendering, for logs and test failures.</returns>
    public override string ToString() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Unknown => "(unknown)",
        _ => Value?.ToString() ?? "",
    };
}

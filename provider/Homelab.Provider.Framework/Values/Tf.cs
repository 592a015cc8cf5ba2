namespace Homelab.Provider.Framework.Values;

/// <summary>
/// A typed view of one attribute that keeps null and unknown apart, for model binding that
/// tolerates unknowns (plans and validation see unknown values; apply and read do not).
/// </summary>
public readonly record struct Tf<T>(ValueKind Kind, T? Value)
{
    public static Tf<T> Null => new(ValueKind.Null, default);

    public static Tf<T> Unknown => new(ValueKind.Unknown, default);

    public bool IsNull => Kind == ValueKind.Null;

    public bool IsUnknown => Kind == ValueKind.Unknown;

    public bool IsKnown => Kind == ValueKind.Known;

    public static Tf<T> Of(T value) => new(ValueKind.Known, value);

    /// <summary>The value when known, otherwise <paramref name="fallback"/>.</summary>
    public T ValueOr(T fallback) => IsKnown ? Value! : fallback;

    /// <summary>The value; throws when null or unknown (use where the schema guarantees it).</summary>
    public T Get() => IsKnown ? Value! : throw new InvalidOperationException($"Value is {(IsNull ? "null" : "unknown")}.");

    public override string ToString() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Unknown => "(unknown)",
        _ => Value?.ToString() ?? "",
    };
}

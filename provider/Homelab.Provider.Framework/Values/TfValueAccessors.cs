using System.Collections.Immutable;

namespace Homelab.Provider.Framework.Values;

/// <summary>
/// Explicit, reflection-free model binding: typed reads of object attributes and typed
/// constructors of values. Resource models map themselves with these (AOT-safe).
/// </summary>
public static class TfValueAccessors
{
    /// <summary>Reads string attribute <paramref name="name"/> of an object, keeping null and unknown apart.</summary>
    /// <param name="obj">A known object value, e.g. the configuration, plan or state of a resource.</param>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute as <see cref="Tf{T}"/>: null, unknown or the string.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="obj"/> is not a known object, or the attribute is not a string.</exception>
    /// <exception cref="KeyNotFoundException">The object has no attribute <paramref name="name"/>.</exception>
    public static Tf<string> GetString(this TfValue obj, string name) => Read(obj[name], v => v.AsString());

    /// <summary>Reads bool attribute <paramref name="name"/> of an object, keeping null and unknown apart.</summary>
    /// <param name="obj">A known object value.</param>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute as <see cref="Tf{T}"/>: null, unknown or the bool.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="obj"/> is not a known object, or the attribute is not a bool.</exception>
    /// <exception cref="KeyNotFoundException">The object has no attribute <paramref name="name"/>.</exception>
    public static Tf<bool> GetBool(this TfValue obj, string name) => Read(obj[name], v => v.AsBool());

    /// <summary>An integer attribute; a fractional or out-of-range number is a programmer error (validate first).</summary>
    public static Tf<long> GetInt64(this TfValue obj, string name) => Read(obj[name], v =>
        v.AsNumber().TryGetInt64(out var i) ? i : throw new InvalidOperationException($"{name} = {v} is not a 64-bit integer."));

    /// <summary>Reads number attribute <paramref name="name"/> of an object exactly, keeping null and unknown apart.</summary>
    /// <param name="obj">A known object value.</param>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute as <see cref="Tf{T}"/>: null, unknown or the number.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="obj"/> is not a known object, or the attribute is not a number.</exception>
    /// <exception cref="KeyNotFoundException">The object has no attribute <paramref name="name"/>.</exception>
    public static Tf<TfNumber> GetNumber(this TfValue obj, string name) => Read(obj[name], v => v.AsNumber());

    /// <summary>A list or set of strings; unknown when the collection or any element is unknown.</summary>
    public static Tf<IReadOnlyList<string>> GetStrings(this TfValue obj, string name)
    {
        var v = obj[name];
        if (!v.IsKnown)
        {
            return v.IsNull ? Tf<IReadOnlyList<string>>.Null : Tf<IReadOnlyList<string>>.Unknown;
        }
        if (v.Elements.Any(e => e.IsUnknown))
        {
            return Tf<IReadOnlyList<string>>.Unknown;
        }
        return Tf<IReadOnlyList<string>>.Of(v.Elements.Where(e => !e.IsNull).Select(e => e.AsString()).ToList());
    }

    /// <summary>A map of strings, sorted by key; unknown when the map or any element is unknown.</summary>
    public static Tf<IReadOnlyDictionary<string, string>> GetStringMap(this TfValue obj, string name)
    {
        var v = obj[name];
        if (!v.IsKnown)
        {
            return v.IsNull ? Tf<IReadOnlyDictionary<string, string>>.Null : Tf<IReadOnlyDictionary<string, string>>.Unknown;
        }
        if (v.Entries.Values.Any(e => e.IsUnknown))
        {
            return Tf<IReadOnlyDictionary<string, string>>.Unknown;
        }
        return Tf<IReadOnlyDictionary<string, string>>.Of(v.Entries
            .Where(kv => !kv.Value.IsNull)
            .ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.AsString(), StringComparer.Ordinal));
    }

    /// <summary>The string attribute as a value: null and unknown stay null and unknown (of type string).</summary>
    /// <param name="v">The typed attribute.</param>
    /// <returns>The value.</returns>
    public static TfValue ToValue(this Tf<string> v) => From(v, TfType.String, TfValue.String);

    /// <summary>The bool attribute as a value: null and unknown stay null and unknown (of type bool).</summary>
    /// <param name="v">The typed attribute.</param>
    /// <returns>The value.</returns>
    public static TfValue ToValue(this Tf<bool> v) => From(v, TfType.Bool, TfValue.Bool);

    /// <summary>The integer attribute as a number value: null and unknown stay null and unknown (of type number).</summary>
    /// <param name="v">The typed attribute.</param>
    /// <returns>The value.</returns>
    public static TfValue ToValue(this Tf<long> v) => From(v, TfType.Number, TfValue.Number);

    /// <summary>A string value, or a null string when <paramref name="value"/> is null (e.g. an optional setting absent on the host).</summary>
    /// <param name="value">The string or null.</param>
    /// <returns>The value.</returns>
    public static TfValue StringOrNull(string? value) => value is null ? TfValue.Null(TfType.String) : TfValue.String(value);

    /// <summary>A known list of strings, in the given order.</summary>
    /// <param name="values">The strings; none may be null.</param>
    /// <returns>The list value.</returns>
    public static TfValue StringList(IEnumerable<string> values) => TfValue.List(TfType.String, values.Select(TfValue.String));

    /// <summary>A known set of strings; duplicates collapse.</summary>
    /// <param name="values">The strings; none may be null.</param>
    /// <returns>The set value.</returns>
    public static TfValue StringSet(IEnumerable<string> values) => TfValue.Set(TfType.String, values.Select(TfValue.String));

    /// <summary>A known map of strings, sorted by key.</summary>
    /// <param name="values">Keys and strings; no value may be null.</param>
    /// <returns>The map value.</returns>
    /// <exception cref="ArgumentException">A key is repeated with a different value.</exception>
    public static TfValue StringMap(IEnumerable<KeyValuePair<string, string>> values) =>
        TfValue.Map(TfType.String, values.Select(kv => KeyValuePair.Create(kv.Key, TfValue.String(kv.Value))));

    private static Tf<T> Read<T>(TfValue v, Func<TfValue, T> get) => v.Kind switch
    {
        ValueKind.Null => Tf<T>.Null,
        ValueKind.Unknown => Tf<T>.Unknown,
        _ => Tf<T>.Of(get(v)),
    };

    private static TfValue From<T>(Tf<T> v, TfType type, Func<T, TfValue> make) => v.Kind switch
    {
        ValueKind.Null => TfValue.Null(type),
        ValueKind.Unknown => TfValue.Unknown(type),
        _ => make(v.Value!),
    };
}

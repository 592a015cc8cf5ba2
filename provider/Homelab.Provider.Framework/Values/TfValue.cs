using System.Collections.Immutable;

namespace Homelab.Provider.Framework.Values;

/// <summary>
/// A cty value: a type plus null, unknown or a known payload. Known payloads are a string,
/// a <see cref="TfNumber"/>, a bool, an element array (list, set, tuple) or a sorted
/// name → value map (map, object). Objects always carry every attribute of their type.
/// </summary>
public sealed class TfValue : IEquatable<TfValue>
{
    private static readonly ImmutableSortedDictionary<string, TfValue> EmptyMap =
        ImmutableSortedDictionary<string, TfValue>.Empty.WithComparers(StringComparer.Ordinal);

    private readonly object? _payload;

    private TfValue(TfType type, ValueKind kind, object? payload)
    {
        Type = type;
        Kind = kind;
        _payload = payload;
    }

    /// <summary>The known bool <c>true</c>.</summary>
    public static readonly TfValue True = new(TfType.Bool, ValueKind.Known, true);
    /// <summary>The known bool <c>false</c>.</summary>
    public static readonly TfValue False = new(TfType.Bool, ValueKind.Known, false);

    /// <summary>The value's type. For a value held in a dynamic slot this is the concrete type.</summary>
    public TfType Type { get; }

    /// <summary>Null, unknown or known. Only the top level: a known list or object may contain unknown parts (see <see cref="IsWhollyKnown"/>).</summary>
    public ValueKind Kind { get; }

    /// <summary>True for a null value (an unset attribute). Null is known: it is not "known after apply".</summary>
    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>True when the value itself is unknown ("known after apply"). Only configuration and planned values can be unknown.</summary>
    public bool IsUnknown => Kind == ValueKind.Unknown;

    /// <summary>True for a known, non-null value: the payload accessors (<see cref="AsString"/>, <see cref="Elements"/>, …) work. Nested values may still be unknown.</summary>
    public bool IsKnown => Kind == ValueKind.Known;

    /// <summary>True when neither this value nor anything nested in it is unknown.</summary>
    public bool IsWhollyKnown => Kind switch
    {
        ValueKind.Unknown => false,
        ValueKind.Null => true,
        _ => _payload switch
        {
            ImmutableArray<TfValue> items => items.All(i => i.IsWhollyKnown),
            ImmutableSortedDictionary<string, TfValue> map => map.Values.All(v => v.IsWhollyKnown),
            _ => true,
        },
    };

    /// <summary>A null value of <paramref name="type"/>.</summary>
    /// <param name="type">The value's type.</param>
    /// <returns>The null value.</returns>
    public static TfValue Null(TfType type) => new(type, ValueKind.Null, null);

    /// <summary>An unknown value of <paramref name="type"/>: in a plan, tells Terraform the provider will decide it during apply ("known after apply").</summary>
    /// <param name="type">The value's type.</param>
    /// <returns>The unknown value.</returns>
    public static TfValue Unknown(TfType type) => new(type, ValueKind.Unknown, null);

    /// <summary>A known string.</summary>
    /// <param name="value">The string; not null (use <see cref="Null"/> for a null string).</param>
    /// <returns>The value.</returns>
    public static TfValue String(string value) => new(TfType.String, ValueKind.Known, value);

    /// <summary>A known number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static TfValue Number(TfNumber value) => new(TfType.Number, ValueKind.Known, value);

    /// <summary>A known whole number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static TfValue Number(long value) => Number(TfNumber.FromInt64(value));

    /// <summary>A known bool: <see cref="True"/> or <see cref="False"/>.</summary>
    /// <param name="value">The bool.</param>
    /// <returns>The value.</returns>
    public static TfValue Bool(bool value) => value ? True : False;

    /// <summary>A known list of <paramref name="elementType"/>, in the given order.</summary>
    /// <param name="elementType">The element type; every item must have exactly this type (a <see cref="TfType.Dynamic"/> element type accepts any; an unknown value of dynamic type fits any element type).</param>
    /// <param name="items">The elements; they may be null or unknown values of the element type.</param>
    /// <returns>The list value.</returns>
    /// <exception cref="ArgumentException">An item's type does not conform to <paramref name="elementType"/>.</exception>
    public static TfValue List(TfType elementType, IEnumerable<TfValue> items) =>
        new(TfType.List(elementType), ValueKind.Known, CheckElements(elementType, items));

    /// <summary>A set; duplicate elements collapse, as in cty.</summary>
    public static TfValue Set(TfType elementType, IEnumerable<TfValue> items) =>
        new(TfType.Set(elementType), ValueKind.Known, CheckElements(elementType, items.Distinct()));

    /// <summary>A known tuple; its type is taken from the items' types.</summary>
    /// <param name="items">The elements, in order.</param>
    /// <returns>The tuple value.</returns>
    public static TfValue Tuple(IEnumerable<TfValue> items)
    {
        var array = items.ToImmutableArray();
        return new(TfType.Tuple(array.Select(i => i.Type)), ValueKind.Known, array);
    }

    /// <summary>A known map of <paramref name="elementType"/>, kept sorted by ordinal key.</summary>
    /// <param name="elementType">The element type; every value must have exactly this type (a <see cref="TfType.Dynamic"/> element type accepts any; an unknown value of dynamic type fits any element type).</param>
    /// <param name="entries">Keys and values; values may be null or unknown.</param>
    /// <returns>The map value.</returns>
    /// <exception cref="ArgumentException">A value does not conform to <paramref name="elementType"/>, or a key is repeated with a different value.</exception>
    public static TfValue Map(TfType elementType, IEnumerable<KeyValuePair<string, TfValue>> entries)
    {
        var map = entries.ToImmutableSortedDictionary(StringComparer.Ordinal);
        foreach (var v in map.Values)
        {
            CheckConforms(elementType, v);
        }
        return new(TfType.Map(elementType), ValueKind.Known, map);
    }

    /// <summary>An object of <paramref name="type"/>; attributes not given are null.</summary>
    public static TfValue Object(TfType type, IEnumerable<KeyValuePair<string, TfValue>> attributes)
    {
        if (type.Kind != TypeKind.Object)
        {
            throw new ArgumentException($"{type} is not an object type.", nameof(type));
        }
        var given = attributes.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var builder = EmptyMap.ToBuilder();
        foreach (var (name, attrType) in type.Attributes)
        {
            var v = given.Remove(name, out var found) ? found : Null(attrType);
            CheckConforms(attrType, v);
            builder[name] = v;
        }
        if (given.Count > 0)
        {
            throw new ArgumentException($"Object type {type} has no attribute \"{given.Keys.First()}\".", nameof(attributes));
        }
        return new(type, ValueKind.Known, builder.ToImmutable());
    }

    /// <summary>The string payload.</summary>
    /// <returns>The string.</returns>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not a string.</exception>
    public string AsString() => IsKnown && _payload is string s ? s : throw NotA("string");

    /// <summary>The number payload.</summary>
    /// <returns>The number.</returns>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not a number.</exception>
    public TfNumber AsNumber() => IsKnown && _payload is TfNumber n ? n : throw NotA("number");

    /// <summary>The bool payload.</summary>
    /// <returns>The bool.</returns>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not a bool.</exception>
    public bool AsBool() => IsKnown && _payload is bool b ? b : throw NotA("bool");

    /// <summary>Elements of a known list, set or tuple.</summary>
    public ImmutableArray<TfValue> Elements =>
        IsKnown && _payload is ImmutableArray<TfValue> items ? items : throw NotA("list, set or tuple");

    /// <summary>Entries of a known map or attributes of a known object, sorted by name.</summary>
    public ImmutableSortedDictionary<string, TfValue> Entries =>
        IsKnown && _payload is ImmutableSortedDictionary<string, TfValue> map ? map : throw NotA("map or object");

    /// <summary>Attribute <paramref name="name"/> of a known object.</summary>
    public TfValue this[string name] =>
        Entries.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"No attribute \"{name}\" in {Type}.");

    /// <summary>A copy of this known object with one attribute replaced.</summary>
    public TfValue With(string name, TfValue value)
    {
        if (Type.Kind != TypeKind.Object || !Type.Attributes.TryGetValue(name, out var attrType))
        {
            throw new KeyNotFoundException($"No attribute \"{name}\" in {Type}.");
        }
        CheckConforms(attrType, value);
        return new(Type, ValueKind.Known, Entries.SetItem(name, value));
    }

    /// <summary>
    /// Structural equality, as the planner uses it to detect changes: same <see cref="Kind"/>, same
    /// <see cref="Type"/>, and equal payloads (sets compared without order). Two unknown values of the
    /// same type are equal, as are two nulls; null never equals unknown.
    /// </summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns>Whether both values are the same.</returns>
    public bool Equals(TfValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || Kind != other.Kind || !Type.Equals(other.Type))
        {
            return false;
        }
        if (Kind != ValueKind.Known)
        {
            return true;
        }
        return (_payload, other._payload) switch
        {
            (ImmutableArray<TfValue> a, ImmutableArray<TfValue> b) when Type.Kind == TypeKind.Set =>
                a.Length == b.Length && a.All(b.Contains),
            (ImmutableArray<TfValue> a, ImmutableArray<TfValue> b) => a.SequenceEqual(b),
            (ImmutableSortedDictionary<string, TfValue> a, ImmutableSortedDictionary<string, TfValue> b) =>
                a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var o) && kv.Value.Equals(o)),
            var (a, b) => Equals(a, b),
        };
    }

    /// <summary>Structural equality with another <see cref="TfValue"/>; see <see cref="Equals(TfValue)"/>.</summary>
    /// <param name="obj">The object to compare with.</param>
    /// <returns>Whether <paramref name="obj"/> is the same value.</returns>
    public override bool Equals(object? obj) => obj is TfValue v && Equals(v);

    /// <summary>A structural hash consistent with <see cref="Equals(TfValue)"/> (order-insensitive for sets).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Kind);
        h.Add(Type);
        switch (_payload)
        {
            case ImmutableArray<TfValue> items:
                // Order-insensitive so that equal sets hash alike.
                h.Add(items.Aggregate(0, (acc, i) => acc ^ i.GetHashCode()));
                break;
            case ImmutableSortedDictionary<string, TfValue> map:
                foreach (var (k, v) in map)
                {
                    h.Add(k);
                    h.Add(v);
                }
                break;
            default:
                h.Add(_payload);
                break;
        }
        return h.ToHashCode();
    }

    /// <summary>A short readable rendering for diagnostics and test failures.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Unknown => "(unknown)",
        _ => _payload switch
        {
            string s => "\"" + s + "\"",
            bool b => b ? "true" : "false",
            TfNumber n => n.ToString(),
            ImmutableArray<TfValue> items => "[" + string.Join(", ", items) + "]",
            ImmutableSortedDictionary<string, TfValue> map => "{" + string.Join(", ", map.Select(kv => kv.Key + " = " + kv.Value)) + "}",
            _ => "?",
        },
    };

    private InvalidOperationException NotA(string what) =>
        new($"Value {this} of type {Type} is not a known {what}.");

    private static ImmutableArray<TfValue> CheckElements(TfType elementType, IEnumerable<TfValue> items)
    {
        var array = items.ToImmutableArray();
        foreach (var item in array)
        {
            CheckConforms(elementType, item);
        }
        return array;
    }

    private static void CheckConforms(TfType expected, TfValue value)
    {
        if (expected.Kind != TypeKind.Dynamic && !expected.Equals(value.Type) && !(value.Type.Kind == TypeKind.Dynamic && !value.IsKnown))
        {
            throw new ArgumentException($"Value of type {value.Type} does not conform to {expected}.");
        }
    }
}

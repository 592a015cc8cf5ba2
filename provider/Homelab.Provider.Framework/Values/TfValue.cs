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

    public static readonly TfValue True = new(TfType.Bool, ValueKind.Known, true);
    public static readonly TfValue False = new(TfType.Bool, ValueKind.Known, false);

    /// <summary>The value's type. For a value held in a dynamic slot this is the concrete type.</summary>
    public TfType Type { get; }

    public ValueKind Kind { get; }

    public bool IsNull => Kind == ValueKind.Null;

    public bool IsUnknown => Kind == ValueKind.Unknown;

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

    public static TfValue Null(TfType type) => new(type, ValueKind.Null, null);

    public static TfValue Unknown(TfType type) => new(type, ValueKind.Unknown, null);

    public static TfValue String(string value) => new(TfType.String, ValueKind.Known, value);

    public static TfValue Number(TfNumber value) => new(TfType.Number, ValueKind.Known, value);

    public static TfValue Number(long value) => Number(TfNumber.FromInt64(value));

    public static TfValue Bool(bool value) => value ? True : False;

    public static TfValue List(TfType elementType, IEnumerable<TfValue> items) =>
        new(TfType.List(elementType), ValueKind.Known, CheckElements(elementType, items));

    /// <summary>A set; duplicate elements collapse, as in cty.</summary>
    public static TfValue Set(TfType elementType, IEnumerable<TfValue> items) =>
        new(TfType.Set(elementType), ValueKind.Known, CheckElements(elementType, items.Distinct()));

    public static TfValue Tuple(IEnumerable<TfValue> items)
    {
        var array = items.ToImmutableArray();
        return new(TfType.Tuple(array.Select(i => i.Type)), ValueKind.Known, array);
    }

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

    public string AsString() => IsKnown && _payload is string s ? s : throw NotA("string");

    public TfNumber AsNumber() => IsKnown && _payload is TfNumber n ? n : throw NotA("number");

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

    public override bool Equals(object? obj) => obj is TfValue v && Equals(v);

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

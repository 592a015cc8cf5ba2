using System.Collections.Immutable;
using System.Text;

namespace Homelab.Provider.Framework.Values;

/// <summary>
/// A cty type. Immutable and structurally comparable; object attributes are kept sorted by
/// ordinal name because cty's msgpack encoding writes them in that order.
/// </summary>
public sealed class TfType : IEquatable<TfType>
{
    /// <summary>cty <c>string</c>.</summary>
    public static readonly TfType String = new(TypeKind.String);
    /// <summary>cty <c>number</c>: arbitrary-precision decimal, read as <see cref="TfNumber"/>.</summary>
    public static readonly TfType Number = new(TypeKind.Number);
    /// <summary>cty <c>bool</c>.</summary>
    public static readonly TfType Bool = new(TypeKind.Bool);
    /// <summary>cty's dynamic pseudo-type (HCL <c>any</c>): a slot whose concrete type travels with each value on the wire.</summary>
    public static readonly TfType Dynamic = new(TypeKind.Dynamic);

    private TfType(TypeKind kind, TfType? element = null,
        ImmutableSortedDictionary<string, TfType>? attributes = null, ImmutableArray<TfType> elements = default)
    {
        Kind = kind;
        Element = element;
        Attributes = attributes ?? ImmutableSortedDictionary<string, TfType>.Empty.WithComparers(StringComparer.Ordinal);
        TupleElements = elements.IsDefault ? ImmutableArray<TfType>.Empty : elements;
    }

    /// <summary>What kind of type this is; decides which of <see cref="Element"/>, <see cref="Attributes"/> and <see cref="TupleElements"/> is used.</summary>
    public TypeKind Kind { get; }

    /// <summary>Element type of a list, set or map; null otherwise.</summary>
    public TfType? Element { get; }

    /// <summary>Attribute types of an object (empty for other kinds).</summary>
    public ImmutableSortedDictionary<string, TfType> Attributes { get; }

    /// <summary>Element types of a tuple (empty for other kinds).</summary>
    public ImmutableArray<TfType> TupleElements { get; }

    /// <summary>True for string, number and bool (not for dynamic).</summary>
    public bool IsPrimitive => Kind is TypeKind.String or TypeKind.Number or TypeKind.Bool;

    /// <summary>True for list, set and map, the kinds with one <see cref="Element"/> type (objects and tuples are structural, not collections).</summary>
    public bool IsCollection => Kind is TypeKind.List or TypeKind.Set or TypeKind.Map;

    /// <summary>A list of <paramref name="element"/>.</summary>
    /// <param name="element">The element type.</param>
    /// <returns>The list type, e.g. <c>["list","string"]</c>.</returns>
    public static TfType List(TfType element) => new(TypeKind.List, element);

    /// <summary>A set of <paramref name="element"/>.</summary>
    /// <param name="element">The element type.</param>
    /// <returns>The set type.</returns>
    public static TfType Set(TfType element) => new(TypeKind.Set, element);

    /// <summary>A map from string keys to <paramref name="element"/>.</summary>
    /// <param name="element">The element type.</param>
    /// <returns>The map type.</returns>
    public static TfType Map(TfType element) => new(TypeKind.Map, element);

    /// <summary>An object type with the given attributes, kept sorted by ordinal name.</summary>
    /// <param name="attributes">Attribute names and types.</param>
    /// <returns>The object type.</returns>
    /// <exception cref="ArgumentException">A name appears twice with different types.</exception>
    public static TfType Object(IEnumerable<KeyValuePair<string, TfType>> attributes) =>
        new(TypeKind.Object, attributes: attributes.ToImmutableSortedDictionary(StringComparer.Ordinal));

    /// <summary>A tuple type with one type per position.</summary>
    /// <param name="elements">The element types, in order.</param>
    /// <returns>The tuple type.</returns>
    public static TfType Tuple(IEnumerable<TfType> elements) => new(TypeKind.Tuple, elements: [.. elements]);

    /// <summary>The type of attribute <paramref name="name"/>; throws for a non-object or a missing name.</summary>
    public TfType AttributeType(string name) =>
        Kind == TypeKind.Object && Attributes.TryGetValue(name, out var t)
            ? t
            : throw new KeyNotFoundException($"Type {this} has no attribute \"{name}\".");

    /// <summary>Structural equality: same kind and, recursively, the same element, attribute or tuple element types. <see cref="Dynamic"/> equals only itself.</summary>
    /// <param name="other">The type to compare with.</param>
    /// <returns>Whether both describe the same type.</returns>
    public bool Equals(TfType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || other.Kind != Kind)
        {
            return false;
        }
        return Kind switch
        {
            TypeKind.List or TypeKind.Set or TypeKind.Map => Element!.Equals(other.Element),
            TypeKind.Object => Attributes.Count == other.Attributes.Count
                && Attributes.All(kv => other.Attributes.TryGetValue(kv.Key, out var o) && kv.Value.Equals(o)),
            TypeKind.Tuple => TupleElements.SequenceEqual(other.TupleElements),
            _ => true,
        };
    }

    /// <summary>Structural equality with another <see cref="TfType"/>; see <see cref="Equals(TfType)"/>.</summary>
    /// <param name="obj">The object to compare with.</param>
    /// <returns>Whether <paramref name="obj"/> is the same type.</returns>
    public override bool Equals(object? obj) => obj is TfType t && Equals(t);

    /// <summary>A structural hash, consistent with <see cref="Equals(TfType)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Kind);
        h.Add(Element);
        foreach (var (k, v) in Attributes)
        {
            h.Add(k);
            h.Add(v);
        }
        foreach (var e in TupleElements)
        {
            h.Add(e);
        }
        return h.ToHashCode();
    }

    /// <summary>The cty type JSON form, e.g. <c>["list","string"]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteJson(sb);
        return sb.ToString();
    }

    private void WriteJson(StringBuilder sb)
    {
        switch (Kind)
        {
            case TypeKind.String: sb.Append("\"string\""); break;
            case TypeKind.Number: sb.Append("\"number\""); break;
            case TypeKind.Bool: sb.Append("\"bool\""); break;
            case TypeKind.Dynamic: sb.Append("\"dynamic\""); break;
            case TypeKind.List or TypeKind.Set or TypeKind.Map:
                sb.Append("[\"").Append(Kind.ToString().ToLowerInvariant()).Append("\",");
                Element!.WriteJson(sb);
                sb.Append(']');
                break;
            case TypeKind.Object:
                sb.Append("[\"object\",{");
                var first = true;
                foreach (var (name, type) in Attributes)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }
                    first = false;
                    sb.Append('"').Append(JsonEncodedName(name)).Append("\":");
                    type.WriteJson(sb);
                }
                sb.Append("}]");
                break;
            case TypeKind.Tuple:
                sb.Append("[\"tuple\",[");
                for (var i = 0; i < TupleElements.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    TupleElements[i].WriteJson(sb);
                }
                sb.Append("]]");
                break;
            default:
                throw new InvalidOperationException($"Unhandled type kind {Kind}.");
        }
    }

    private static string JsonEncodedName(string name) =>
        System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(name);
}

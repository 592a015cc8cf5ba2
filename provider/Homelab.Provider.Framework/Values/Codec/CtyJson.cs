using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Homelab.Provider.Framework.Values.Codec;

/// <summary>
/// cty's JSON value encoding (zclconf/go-cty <c>cty/json</c>), used for state: <c>RawState.json</c>
/// in UpgradeResourceState. Like the msgpack form it is read against a type; unlike it, objects may
/// omit attributes (they decode as null) and unknown values cannot be represented.
/// </summary>
/// <remarks>
/// Decoding follows cty's leniency: a string slot accepts a JSON number or bool (as its text), a
/// number slot accepts a numeric string, a bool slot accepts "true"/"false"/"1"/"0". Numbers are
/// parsed from their raw token text, so <c>1e400</c> survives. A dynamic slot holds
/// <c>{"value": …, "type": …}</c> in either key order.
/// </remarks>
public static class CtyJson
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 512 };

    /// <summary>Decodes cty JSON against <paramref name="type"/>.</summary>
    /// <param name="json">UTF-8 cty JSON of one value, e.g. a state's attributes or a dynamic value's JSON form.</param>
    /// <param name="type">The type the value must have; a <see cref="TfType.Dynamic"/> slot expects the <c>{"value": …, "type": …}</c> wrapper.</param>
    /// <param name="ignoreUndefinedAttributes">Skip object keys the type does not declare (at any depth)
    /// instead of failing: state written by an older schema may carry attributes since removed.</param>
    /// <exception cref="ValueCodecException">The JSON is malformed or does not fit the type.</exception>
    public static TfValue Decode(ReadOnlySpan<byte> json, TfType type, bool ignoreUndefinedAttributes = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        return DecodeDocument(json, type, new ValuePath(), ignoreUndefinedAttributes);
    }

    /// <summary>Encodes <paramref name="value"/> as cty JSON against <paramref name="type"/>, byte-identical to cty.</summary>
    /// <exception cref="ArgumentException">The value does not conform to the type, or contains an unknown.</exception>
    public static byte[] Encode(TfValue value, TfType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        var writer = new GoJsonWriter();
        Write(writer, value, type, new ValuePath());
        return writer.ToArray();
    }

    private static void Write(GoJsonWriter writer, TfValue value, TfType type, ValuePath path)
    {
        if (value.IsUnknown)
        {
            throw path.ArgumentError("an unknown value cannot be represented in JSON.");
        }
        TypeConformance.Require(value, type, path);
        if (type.Kind == TypeKind.Dynamic && value.Type.Kind != TypeKind.Dynamic)
        {
            writer.Raw("{\"value\":"u8);
            Write(writer, value, value.Type, path);
            writer.Raw(",\"type\":"u8);
            CtyTypeJson.Write(writer, value.Type);
            writer.Raw('}');
            return;
        }
        if (value.IsNull)
        {
            writer.Raw("null"u8);
            return;
        }
        switch (type.Kind)
        {
            case TypeKind.String:
                writer.String(value.AsString());
                break;
            case TypeKind.Number:
                writer.Ascii(value.AsNumber().ToString());
                break;
            case TypeKind.Bool:
                writer.Raw(value.AsBool() ? "true"u8 : "false"u8);
                break;
            case TypeKind.List or TypeKind.Set or TypeKind.Tuple:
                writer.Raw('[');
                var elements = value.Elements;
                for (var i = 0; i < elements.Length; i++)
                {
                    if (i > 0)
                    {
                        writer.Raw(',');
                    }
                    path.PushIndex(i);
                    Write(writer, elements[i], type.Kind == TypeKind.Tuple ? type.TupleElements[i] : type.Element!, path);
                    path.Pop();
                }
                writer.Raw(']');
                break;
            case TypeKind.Map:
                WriteMembers(writer, value.Entries.Select(kv => (kv.Key, kv.Value, type.Element!)), path, isObject: false);
                break;
            case TypeKind.Object:
                WriteMembers(writer, type.Attributes.Select(kv => (kv.Key, value[kv.Key], kv.Value)), path, isObject: true);
                break;
            default:
                throw path.ArgumentError($"a known value of type {value.Type} cannot be encoded as {type}.");
        }
    }

    private static void WriteMembers(GoJsonWriter writer, IEnumerable<(string Name, TfValue Value, TfType Type)> members,
        ValuePath path, bool isObject)
    {
        writer.Raw('{');
        var first = true;
        foreach (var (name, member, memberType) in members)
        {
            if (!first)
            {
                writer.Raw(',');
            }
            first = false;
            writer.String(name);
            writer.Raw(':');
            if (isObject)
            {
                path.PushAttribute(name);
            }
            else
            {
                path.PushKey(name);
            }
            Write(writer, member, memberType, path);
            path.Pop();
        }
        writer.Raw('}');
    }

    private static TfValue DecodeDocument(ReadOnlySpan<byte> json, TfType type, ValuePath path, bool ignoreUndefined)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw path.Error("the JSON document is empty.");
            }
            var value = ReadValue(ref reader, json, type, path, ignoreUndefined);
            if (reader.Read())
            {
                throw path.Error("unexpected data follows the value.");
            }
            return value;
        }
        catch (JsonException ex)
        {
            throw path.Error($"the JSON is malformed: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the value whose first token the reader is on, leaving the reader on its last token.</summary>
    private static TfValue ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, TfType type, ValuePath path,
        bool ignoreUndefined)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return TfValue.Null(type);
        }
        switch (type.Kind)
        {
            case TypeKind.Dynamic:
                return ReadDynamic(ref reader, source, path, ignoreUndefined);
            case TypeKind.String:
                return reader.TokenType switch
                {
                    JsonTokenType.String => TfValue.String(reader.GetString()!),
                    JsonTokenType.Number => TfValue.String(Encoding.UTF8.GetString(reader.ValueSpan)),
                    JsonTokenType.True => TfValue.String("true"),
                    JsonTokenType.False => TfValue.String("false"),
                    var other => throw Mismatch(path, "a string", other),
                };
            case TypeKind.Number:
                var text = reader.TokenType switch
                {
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.String => reader.GetString()!,
                    var other => throw Mismatch(path, "a number", other),
                };
                return TfNumber.TryParse(text, out var number)
                    ? TfValue.Number(number)
                    : throw path.Error($"a number is required, but \"{text}\" is not a decimal number.");
            case TypeKind.Bool:
                return reader.TokenType switch
                {
                    JsonTokenType.True => TfValue.True,
                    JsonTokenType.False => TfValue.False,
                    JsonTokenType.String => reader.GetString() switch
                    {
                        "true" or "1" => TfValue.True,
                        "false" or "0" => TfValue.False,
                        var s => throw path.Error($"a bool is required, but \"{s}\" is not one (use true or false)."),
                    },
                    var other => throw Mismatch(path, "a bool", other),
                };
            case TypeKind.List:
                return TfValue.List(type.Element!, ReadArray(ref reader, source, path, ignoreUndefined, "a list", _ => type.Element!));
            case TypeKind.Set:
                return TfValue.Set(type.Element!, ReadArray(ref reader, source, path, ignoreUndefined, "a set", _ => type.Element!));
            case TypeKind.Tuple:
                var tuple = type.TupleElements;
                var items = ReadArray(ref reader, source, path, ignoreUndefined, "a tuple",
                    i => i < tuple.Length ? tuple[i] : throw path.Error($"a tuple of {tuple.Length} element(s) is required (more given)."));
                return items.Length == tuple.Length
                    ? TfValue.Tuple(items)
                    : throw path.Error($"a tuple of {tuple.Length} element(s) is required ({items.Length} given).");
            case TypeKind.Map:
                return ReadMap(ref reader, source, type, path, ignoreUndefined);
            case TypeKind.Object:
                return ReadObject(ref reader, source, type, path, ignoreUndefined);
            default:
                throw new InvalidOperationException($"Unhandled type kind {type.Kind}.");
        }
    }

    private static ImmutableArray<TfValue> ReadArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, ValuePath path,
        bool ignoreUndefined, string what, Func<int, TfType> elementType)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Mismatch(path, what, reader.TokenType);
        }
        var items = ImmutableArray.CreateBuilder<TfValue>();
        reader.Read();
        for (var i = 0; reader.TokenType != JsonTokenType.EndArray; i++)
        {
            path.PushIndex(i);
            items.Add(ReadValue(ref reader, source, elementType(i), path, ignoreUndefined));
            path.Pop();
            reader.Read();
        }
        return items.ToImmutable();
    }

    private static TfValue ReadMap(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, TfType type, ValuePath path,
        bool ignoreUndefined)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch(path, "a map", reader.TokenType);
        }
        // Like Go's map decoding, a repeated key keeps its last value.
        var entries = new Dictionary<string, TfValue>(StringComparer.Ordinal);
        reader.Read();
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            path.PushKey(key);
            entries[key] = ReadValue(ref reader, source, type.Element!, path, ignoreUndefined);
            path.Pop();
            reader.Read();
        }
        return TfValue.Map(type.Element!, entries);
    }

    private static TfValue ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, TfType type, ValuePath path,
        bool ignoreUndefined)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch(path, "an object", reader.TokenType);
        }
        // Attributes missing from the JSON are null (cty/json fills them in).
        var attributes = new Dictionary<string, TfValue>(StringComparer.Ordinal);
        reader.Read();
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            path.PushAttribute(name);
            if (type.Attributes.TryGetValue(name, out var attrType))
            {
                attributes[name] = ReadValue(ref reader, source, attrType, path, ignoreUndefined);
            }
            else if (ignoreUndefined)
            {
                reader.Skip();
            }
            else
            {
                throw path.Error($"unsupported attribute: the type {type} has no attribute \"{name}\".");
            }
            path.Pop();
            reader.Read();
        }
        return TfValue.Object(type, attributes);
    }

    private static TfValue ReadDynamic(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, ValuePath path, bool ignoreUndefined)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch(path, "a dynamic value ({\"value\": …, \"type\": …})", reader.TokenType);
        }
        TfType? type = null;
        var valueStart = -1L;
        var valueEnd = -1L;
        reader.Read();
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            reader.Read();
            // The value can only be decoded once the type is known, and "type" may come second.
            var start = reader.TokenStartIndex;
            reader.Skip();
            var end = reader.BytesConsumed;
            switch (key)
            {
                case "type":
                    try
                    {
                        type = CtyTypeJson.Parse(source[(int)start..(int)end]);
                    }
                    catch (ValueCodecException ex)
                    {
                        throw path.Error($"the dynamic value's type is unusable: {ex.Detail}", ex);
                    }
                    break;
                case "value":
                    (valueStart, valueEnd) = (start, end);
                    break;
                default:
                    throw path.Error($"a dynamic value has only \"value\" and \"type\" keys, not \"{key}\".");
            }
            reader.Read();
        }
        if (type is null)
        {
            throw path.Error("the dynamic value has no \"type\".");
        }
        if (valueStart < 0)
        {
            throw path.Error("the dynamic value has no \"value\".");
        }
        return DecodeDocument(source[(int)valueStart..(int)valueEnd], type, path, ignoreUndefined);
    }

    private static ValueCodecException Mismatch(ValuePath path, string required, JsonTokenType found) =>
        path.Error($"{required} is required, found {Describe(found)}.");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a bool",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}

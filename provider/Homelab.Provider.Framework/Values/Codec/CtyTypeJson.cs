using System.Text.Json;

namespace Homelab.Provider.Framework.Values.Codec;

/// <summary>
/// cty's type JSON (cty/json.go): <c>"string"</c>, <c>"number"</c>, <c>"bool"</c>, <c>"dynamic"</c>,
/// <c>["list",T]</c>, <c>["set",T]</c>, <c>["map",T]</c>, <c>["object",{"name":T,…}]</c> (optionally with a
/// third element listing optional attribute names, which we accept and ignore) and
/// <c>["tuple",[T,…]]</c>. Schemas, dynamic values and state all carry types in this form.
/// </summary>
internal static class CtyTypeJson
{
    // Each object/list level nests up to two JSON levels; 256 leaves room for any real schema while
    // keeping hostile input from exhausting the stack.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>Reads one type in cty's type JSON, e.g. <c>["map","string"]</c>, as sent in dynamic values and state.</summary>
    /// <param name="json">UTF-8 JSON holding exactly one type description.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ValueCodecException">The JSON is malformed, too deeply nested, not a type description, or followed by more data.</exception>
    public static TfType Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw Invalid("the type JSON is empty.");
            }
            var type = ReadType(ref reader);
            if (reader.Read())
            {
                throw Invalid("unexpected data after the type description.");
            }
            return type;
        }
        catch (JsonException ex)
        {
            throw new ValueCodecException(string.Empty, $"The type JSON is malformed: {ex.Message}", ex);
        }
    }

    /// <summary>The type JSON cty writes for <paramref name="type"/>, byte for byte.</summary>
    public static byte[] Serialize(TfType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var writer = new GoJsonWriter();
        Write(writer, type);
        return writer.ToArray();
    }

    internal static void Write(GoJsonWriter writer, TfType type)
    {
        switch (type.Kind)
        {
            case TypeKind.String: writer.Raw("\"string\""u8); break;
            case TypeKind.Number: writer.Raw("\"number\""u8); break;
            case TypeKind.Bool: writer.Raw("\"bool\""u8); break;
            case TypeKind.Dynamic: writer.Raw("\"dynamic\""u8); break;
            case TypeKind.List: WriteCollection(writer, "[\"list\","u8, type.Element!); break;
            case TypeKind.Set: WriteCollection(writer, "[\"set\","u8, type.Element!); break;
            case TypeKind.Map: WriteCollection(writer, "[\"map\","u8, type.Element!); break;
            case TypeKind.Object:
                writer.Raw("[\"object\",{"u8);
                var first = true;
                foreach (var (name, attrType) in type.Attributes)
                {
                    if (!first)
                    {
                        writer.Raw(',');
                    }
                    first = false;
                    writer.String(name);
                    writer.Raw(':');
                    Write(writer, attrType);
                }
                writer.Raw("}]"u8);
                break;
            case TypeKind.Tuple:
                writer.Raw("[\"tuple\",["u8);
                for (var i = 0; i < type.TupleElements.Length; i++)
                {
                    if (i > 0)
                    {
                        writer.Raw(',');
                    }
                    Write(writer, type.TupleElements[i]);
                }
                writer.Raw("]]"u8);
                break;
            default:
                throw new InvalidOperationException($"Unhandled type kind {type.Kind}.");
        }
    }

    private static void WriteCollection(GoJsonWriter writer, ReadOnlySpan<byte> prefix, TfType element)
    {
        writer.Raw(prefix);
        Write(writer, element);
        writer.Raw(']');
    }

    /// <summary>Reads the type whose first token the reader is on; leaves the reader on its last token.</summary>
    private static TfType ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var name = reader.GetString();
            return name switch
            {
                "string" => TfType.String,
                "number" => TfType.Number,
                "bool" => TfType.Bool,
                "dynamic" => TfType.Dynamic,
                _ => throw Invalid($"\"{name}\" is not a primitive type name (string, number, bool or dynamic)."),
            };
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid($"a type must be a name or an array, not {Describe(reader.TokenType)}.");
        }
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Invalid("a complex type array must start with its kind name.");
        }
        var kind = reader.GetString();
        Next(ref reader);
        TfType result;
        switch (kind)
        {
            case "list":
                result = TfType.List(ReadType(ref reader));
                break;
            case "set":
                result = TfType.Set(ReadType(ref reader));
                break;
            case "map":
                result = TfType.Map(ReadType(ref reader));
                break;
            case "object":
                result = TfType.Object(ReadAttributes(ref reader));
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    // Optional attribute names only matter to type conversion in the client.
                    reader.Skip();
                    Next(ref reader);
                }
                return RequireEnd(ref reader, result);
            case "tuple":
                result = TfType.Tuple(ReadElements(ref reader));
                break;
            default:
                throw Invalid($"\"{kind}\" is not a complex type kind (list, set, map, object or tuple).");
        }
        Next(ref reader);
        return RequireEnd(ref reader, result);
    }

    private static List<KeyValuePair<string, TfType>> ReadAttributes(ref Utf8JsonReader reader)
    {
        var attributes = new List<KeyValuePair<string, TfType>>();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return attributes;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid("an object type needs an object of attribute types.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Next(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name))
            {
                throw Invalid($"attribute \"{name}\" is listed twice.");
            }
            Next(ref reader);
            attributes.Add(new(name, ReadType(ref reader)));
            Next(ref reader);
        }
        return attributes;
    }

    private static List<TfType> ReadElements(ref Utf8JsonReader reader)
    {
        var elements = new List<TfType>();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return elements;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid("a tuple type needs an array of element types.");
        }
        Next(ref reader);
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            elements.Add(ReadType(ref reader));
            Next(ref reader);
        }
        return elements;
    }

    private static TfType RequireEnd(ref Utf8JsonReader reader, TfType result) =>
        reader.TokenType == JsonTokenType.EndArray
            ? result
            : throw Invalid($"unexpected extra data in the description of {result}.");

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Invalid("the type JSON ends early.");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a bool",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static ValueCodecException Invalid(string detail) => new(string.Empty, "Invalid cty type JSON: " + detail);
}

using System.Buffers;
using System.Collections.Immutable;
using MessagePack;

namespace Homelab.Provider.Framework.Values.Codec;

/// <summary>
/// cty's msgpack value encoding (zclconf/go-cty <c>cty/msgpack</c>), the wire form of every
/// <c>DynamicValue</c> in plugin protocol 6. The encoding is not self-describing: it is always read
/// and written against a type, normally the schema's implied type.
/// </summary>
/// <remarks>
/// Wire rules (docs/design/plugin-protocol.md, "Values"): null is nil; an unknown is an extension value (we write
/// cty's <c>d4 00 00</c> and read any extension, including refined unknowns of type 12, as unknown);
/// objects are maps carrying every attribute; a value in a dynamic slot is
/// <c>[type JSON as bin, value]</c>.
/// </remarks>
internal static class CtyMsgPack
{
    /// <summary>
    /// cty/msgpack/unknown.go: a wholly unknown value is a fixext1 of extension type 0 whose single
    /// payload byte is irrelevant (zero); fixext1 is one byte shorter than an empty ext8.
    /// </summary>
    private static ReadOnlySpan<byte> UnknownBytes => [0xd4, 0x00, 0x00];

    /// <summary>Dynamic values may nest inside each other; bound that so hostile input cannot overflow the stack.</summary>
    private const int MaxDepth = 512;

    /// <summary>Encodes <paramref name="value"/> as cty msgpack against <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">The value does not conform to the type.</exception>
    public static byte[] Encode(TfValue value, TfType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value, type, new ValuePath());
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes cty msgpack against <paramref name="type"/>.</summary>
    /// <exception cref="ValueCodecException">The data is not a valid encoding of a value of that type.</exception>
    public static TfValue Decode(ReadOnlyMemory<byte> data, TfType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var reader = new MessagePackReader(data);
        var path = new ValuePath();
        var value = Read(ref reader, type, path, 0);
        if (!reader.End)
        {
            throw path.Error($"{data.Length - reader.Consumed} unexpected byte(s) follow the value.");
        }
        return value;
    }

    private static void Write(ref MessagePackWriter writer, TfValue value, TfType type, ValuePath path)
    {
        TypeConformance.Require(value, type, path);

        // A value going into a dynamic slot carries its type, even when null or unknown, exactly as
        // cty's marshal does whenever the value's own type is not DynamicPseudoType.
        if (type.Kind == TypeKind.Dynamic && value.Type.Kind != TypeKind.Dynamic)
        {
            writer.WriteArrayHeader(2);
            writer.Write(CtyTypeJson.Serialize(value.Type));
            Write(ref writer, value, value.Type, path);
            return;
        }
        if (value.IsUnknown)
        {
            writer.WriteRaw(UnknownBytes);
            return;
        }
        if (value.IsNull)
        {
            writer.WriteNil();
            return;
        }
        switch (type.Kind)
        {
            case TypeKind.String:
                writer.Write(value.AsString());
                break;
            case TypeKind.Number:
                WriteNumber(ref writer, value.AsNumber());
                break;
            case TypeKind.Bool:
                writer.Write(value.AsBool());
                break;
            case TypeKind.List or TypeKind.Set:
                WriteElements(ref writer, value.Elements, _ => type.Element!, path);
                break;
            case TypeKind.Tuple:
                WriteElements(ref writer, value.Elements, i => type.TupleElements[i], path);
                break;
            case TypeKind.Map:
                writer.WriteMapHeader(value.Entries.Count);
                foreach (var (key, element) in value.Entries)
                {
                    writer.Write(key);
                    path.PushKey(key);
                    Write(ref writer, element, type.Element!, path);
                    path.Pop();
                }
                break;
            case TypeKind.Object:
                // Every attribute, in the type's sorted order (cty sorts attribute names).
                writer.WriteMapHeader(type.Attributes.Count);
                foreach (var (name, attrType) in type.Attributes)
                {
                    writer.Write(name);
                    path.PushAttribute(name);
                    Write(ref writer, value[name], attrType, path);
                    path.Pop();
                }
                break;
            default:
                throw path.ArgumentError($"a known value of type {value.Type} cannot be encoded as {type}.");
        }
    }

    private static void WriteElements(ref MessagePackWriter writer, ImmutableArray<TfValue> elements,
        Func<int, TfType> elementType, ValuePath path)
    {
        writer.WriteArrayHeader(elements.Length);
        for (var i = 0; i < elements.Length; i++)
        {
            path.PushIndex(i);
            Write(ref writer, elements[i], elementType(i), path);
            path.Pop();
        }
    }

    /// <summary>
    /// Integers that fit int64 use the most compact msgpack integer (as cty's compact-int encoder
    /// does), then uint64. A fraction goes as float64 only when that double's shortest decimal is
    /// exactly the number; anything else — including integers beyond uint64, which cty (since
    /// go-cty f41ae52) never sends as float because it would decode them at 53-bit precision and
    /// print them rounded — is sent as a decimal string, which cty parses at 512-bit precision.
    /// </summary>
    private static void WriteNumber(ref MessagePackWriter writer, TfNumber number)
    {
        if (number.TryGetInt64(out var signed))
        {
            writer.Write(signed);
        }
        else if (number.TryGetUInt64(out var unsigned))
        {
            writer.Write(unsigned);
        }
        else if (!number.IsInteger && number.TryGetExactDouble(out var real))
        {
            writer.Write(real);
        }
        else
        {
            writer.Write(number.ToString());
        }
    }

    private static TfValue Read(ref MessagePackReader reader, TfType type, ValuePath path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw path.Error($"values are nested more than {MaxDepth} levels deep.");
        }
        try
        {
            if (reader.End)
            {
                throw path.Error($"the data ends where a value of type {type} was expected.");
            }
            var next = reader.NextMessagePackType;
            if (next == MessagePackType.Extension)
            {
                // cty has no other extensions: every one of them (type 0, refined type 12, …) is an unknown.
                reader.Skip();
                return TfValue.Unknown(type);
            }
            if (type.Kind == TypeKind.Dynamic)
            {
                return ReadDynamic(ref reader, path, depth);
            }
            if (reader.TryReadNil())
            {
                return TfValue.Null(type);
            }
            return type.Kind switch
            {
                TypeKind.String => next == MessagePackType.String
                    ? TfValue.String(reader.ReadString()!)
                    : throw Mismatch(path, "a string", next),
                TypeKind.Number => TfValue.Number(ReadNumber(ref reader, path, next)),
                TypeKind.Bool => next == MessagePackType.Boolean
                    ? TfValue.Bool(reader.ReadBoolean())
                    : throw Mismatch(path, "a bool", next),
                TypeKind.List => TfValue.List(type.Element!, ReadArray(ref reader, path, depth, next, "a list", -1, _ => type.Element!)),
                TypeKind.Set => TfValue.Set(type.Element!, ReadArray(ref reader, path, depth, next, "a set", -1, _ => type.Element!)),
                TypeKind.Tuple => TfValue.Tuple(ReadArray(ref reader, path, depth, next, "a tuple",
                    type.TupleElements.Length, i => type.TupleElements[i])),
                TypeKind.Map => ReadMap(ref reader, type, path, depth, next),
                TypeKind.Object => ReadObject(ref reader, type, path, depth, next),
                _ => throw new InvalidOperationException($"Unhandled type kind {type.Kind}."),
            };
        }
        catch (EndOfStreamException ex)
        {
            throw path.Error("the data ends in the middle of a value (truncated msgpack).", ex);
        }
        catch (MessagePackSerializationException ex)
        {
            throw path.Error($"the msgpack is malformed: {ex.Message}", ex);
        }
    }

    private static TfNumber ReadNumber(ref MessagePackReader reader, ValuePath path, MessagePackType next)
    {
        switch (next)
        {
            case MessagePackType.Integer:
                return reader.NextCode == MessagePackCode.UInt64
                    ? TfNumber.FromUInt64(reader.ReadUInt64())
                    : TfNumber.FromInt64(reader.ReadInt64());
            case MessagePackType.Float:
                var real = reader.ReadDouble();
                return double.IsFinite(real)
                    ? TfNumber.FromDouble(real)
                    : throw path.Error($"the number {real} cannot be used: only finite numbers are supported.");
            case MessagePackType.String:
                // cty falls back to a decimal string for numbers no int or float64 holds exactly.
                var text = reader.ReadString()!;
                return TfNumber.TryParse(text, out var parsed)
                    ? parsed
                    : throw path.Error($"a number is required, but \"{text}\" is not a decimal number.");
            default:
                throw Mismatch(path, "a number", next);
        }
    }

    private static ImmutableArray<TfValue> ReadArray(ref MessagePackReader reader, ValuePath path, int depth,
        MessagePackType next, string what, int requiredLength, Func<int, TfType> elementType)
    {
        if (next != MessagePackType.Array)
        {
            throw Mismatch(path, what, next);
        }
        var length = reader.ReadArrayHeader();
        if (requiredLength >= 0 && length != requiredLength)
        {
            throw path.Error($"a tuple of {requiredLength} element(s) is required ({length} given).");
        }
        var items = ImmutableArray.CreateBuilder<TfValue>(length);
        for (var i = 0; i < length; i++)
        {
            path.PushIndex(i);
            items.Add(Read(ref reader, elementType(i), path, depth + 1));
            path.Pop();
        }
        return items.MoveToImmutable();
    }

    private static TfValue ReadMap(ref MessagePackReader reader, TfType type, ValuePath path, int depth, MessagePackType next)
    {
        if (next != MessagePackType.Map)
        {
            throw Mismatch(path, "a map", next);
        }
        var count = reader.ReadMapHeader();
        var entries = new Dictionary<string, TfValue>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = ReadKey(ref reader, path, "map keys");
            path.PushKey(key);
            if (!entries.TryAdd(key, Read(ref reader, type.Element!, path, depth + 1)))
            {
                throw path.Error("the key appears twice in the map.");
            }
            path.Pop();
        }
        return TfValue.Map(type.Element!, entries);
    }

    private static TfValue ReadObject(ref MessagePackReader reader, TfType type, ValuePath path, int depth, MessagePackType next)
    {
        if (next != MessagePackType.Map)
        {
            throw Mismatch(path, "an object", next);
        }
        var count = reader.ReadMapHeader();
        // cty/msgpack rejects an object that does not carry exactly its type's attributes.
        if (count != type.Attributes.Count)
        {
            throw path.Error($"an object with {type.Attributes.Count} attribute(s) is required ({count} given); "
                + "every attribute must be present, null ones as nil.");
        }
        var attributes = new Dictionary<string, TfValue>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = ReadKey(ref reader, path, "object attribute names");
            path.PushAttribute(name);
            if (!type.Attributes.TryGetValue(name, out var attrType))
            {
                throw path.Error($"unsupported attribute: the type {type} has no attribute \"{name}\".");
            }
            if (!attributes.TryAdd(name, Read(ref reader, attrType, path, depth + 1)))
            {
                throw path.Error("the attribute appears twice in the object.");
            }
            path.Pop();
        }
        return TfValue.Object(type, attributes);
    }

    private static string ReadKey(ref MessagePackReader reader, ValuePath path, string what)
    {
        var next = reader.NextMessagePackType;
        return next == MessagePackType.String
            ? reader.ReadString()!
            : throw path.Error($"all {what} must be strings, found {Describe(next)}.");
    }

    private static TfValue ReadDynamic(ref MessagePackReader reader, ValuePath path, int depth)
    {
        if (reader.TryReadNil())
        {
            return TfValue.Null(TfType.Dynamic);
        }
        var next = reader.NextMessagePackType;
        if (next != MessagePackType.Array)
        {
            throw Mismatch(path, "a dynamic value ([type JSON, value] array)", next);
        }
        var length = reader.ReadArrayHeader();
        if (length != 2)
        {
            throw path.Error($"a dynamic value must be a two-element array [type JSON, value] ({length} element(s) given).");
        }
        // cty writes the type JSON as bin (EncodeBytes) and reads it with DecodeBytes, which takes str too.
        var typeJson = reader.NextMessagePackType switch
        {
            MessagePackType.Binary => reader.ReadBytes(),
            MessagePackType.String => reader.ReadStringSequence(),
            var other => throw path.Error($"a dynamic value's type must be type JSON in bin or str, found {Describe(other)}."),
        };
        TfType type;
        try
        {
            type = CtyTypeJson.Parse(typeJson!.Value.IsSingleSegment ? typeJson.Value.FirstSpan : typeJson.Value.ToArray());
        }
        catch (ValueCodecException ex)
        {
            throw path.Error($"the dynamic value's type is unusable: {ex.Detail}", ex);
        }
        return Read(ref reader, type, path, depth + 1);
    }

    private static ValueCodecException Mismatch(ValuePath path, string required, MessagePackType found) =>
        path.Error($"{required} is required, found {Describe(found)}.");

    private static string Describe(MessagePackType type) => type switch
    {
        MessagePackType.Integer => "an integer",
        MessagePackType.Nil => "nil",
        MessagePackType.Boolean => "a bool",
        MessagePackType.Float => "a float",
        MessagePackType.String => "a string",
        MessagePackType.Binary => "binary data",
        MessagePackType.Array => "an array",
        MessagePackType.Map => "a map",
        MessagePackType.Extension => "an extension value",
        _ => "an unrecognised msgpack code",
    };
}

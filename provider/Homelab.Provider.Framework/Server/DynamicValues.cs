using Google.Protobuf;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>DynamicValue ⇄ <see cref="TfValue"/>, always against the schema's implied type.</summary>
internal static class DynamicValues
{
    public static TfValue Decode(Proto.DynamicValue? value, TfType type)
    {
        if (value is null)
        {
            return TfValue.Null(type);
        }
        if (!value.Msgpack.IsEmpty)
        {
            return CtyMsgPack.Decode(value.Msgpack.Memory, type);
        }
        if (!value.Json.IsEmpty)
        {
            return CtyJson.Decode(value.Json.Span, type);
        }
        return TfValue.Null(type);
    }

    public static Proto.DynamicValue Encode(TfValue? value, TfType type) => new()
    {
        Msgpack = UnsafeByteOperations.UnsafeWrap(CtyMsgPack.Encode(value ?? TfValue.Null(type), type)),
    };
}

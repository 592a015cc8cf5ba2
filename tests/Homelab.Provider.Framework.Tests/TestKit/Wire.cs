using Google.Protobuf;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Tests.TestKit;

/// <summary>DynamicValue and path helpers, built with the codec the client's msgpack matches.</summary>
internal static class Wire
{
    public static Proto.DynamicValue Dv(TfValue? value, TfType type) => new()
    {
        Msgpack = ByteString.CopyFrom(CtyMsgPack.Encode(value ?? TfValue.Null(type), type)),
    };

    public static TfValue Decode(Proto.DynamicValue value, TfType type) => CtyMsgPack.Decode(value.Msgpack.Memory, type);

    /// <summary>Renders a protocol path like <c>a.b["k"][0]</c>.</summary>
    public static string PathText(Proto.AttributePath? path) => path is null
        ? ""
        : string.Concat(path.Steps.Select((s, i) => s.SelectorCase switch
        {
            Proto.AttributePath.Types.Step.SelectorOneofCase.AttributeName => (i == 0 ? "" : ".") + s.AttributeName,
            Proto.AttributePath.Types.Step.SelectorOneofCase.ElementKeyString => $"[\"{s.ElementKeyString}\"]",
            _ => $"[{s.ElementKeyInt}]",
        }));
}

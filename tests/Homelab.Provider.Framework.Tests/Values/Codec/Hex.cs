namespace Homelab.Provider.Framework.Tests.Values.Codec;

/// <summary>Hex helpers so byte vectors read like a msgpack dump: <c>"82 a1 61 01"</c>.</summary>
internal static class Hex
{
    public static byte[] Bytes(string spaced) => Convert.FromHexString(spaced.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) =>
        string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Normalises a spaced hex string for comparison with <see cref="Of"/>.</summary>
    public static string Normalize(string spaced) => Of(Bytes(spaced));
}

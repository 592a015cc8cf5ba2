using System.Globalization;
using System.Numerics;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Functions;

/// <summary><c>provider::homelab::parse_size("1.5T")</c>: a ZFS size in bytes, read as <c>zfs</c> reads it.</summary>
internal sealed class ParseSizeFunction : IFunction
{
    public string Name => "parse_size";

    public FunctionDefinition Definition { get; } = new(
        "Bytes in a ZFS size such as \"1.5T\"",
        "Returns the number of bytes in a size written the way `zfs` accepts it: a number (fractions allowed) with an optional binary suffix `K`, `M`, `G`, `T`, `P`, `E` or `Z` (powers of 1024), optionally followed by `B` or `iB`, in either case — `\"1.5T\"`, `\"512MiB\"`, `\"10g\"`, `\"4096\"`. Fractions of a byte are dropped, as `zfs` drops them. Use it to compare sizes in `check {}` blocks and preconditions, e.g. `data.homelab_zpool.tank.free > provider::homelab::parse_size(\"100G\")`.",
        [new FunctionParameter("size", TfType.String, "The size, e.g. `\"1.5T\"`.")],
        TfType.Number);

    public TfValue Call(IReadOnlyList<TfValue> arguments)
    {
        var text = arguments[0].AsString();
        if (!ZfsProperties.TryParseSize(text, out var bytes))
        {
            throw new FunctionException(
                $"\"{Framework.Schema.Validators.Printable(text)}\" is not a size: write a number with an optional K, M, G, T, P, E or Z suffix (powers of 1024), e.g. \"1.5T\" or \"512M\".", 0);
        }
        return TfValue.Number(TfNumber.FromBigInteger(new BigInteger(bytes)));
    }
}

/// <summary><c>provider::homelab::format_size(1649267441664)</c>: bytes as <c>zfs list</c> shows them ("1.50T").</summary>
internal sealed class FormatSizeFunction : IFunction
{
    private const string Suffixes = "KMGTPEZ";

    public string Name => "format_size";

    public FunctionDefinition Definition { get; } = new(
        "A byte count written as zfs shows it, e.g. \"1.50T\"",
        "Returns `bytes` the way `zfs list` shows sizes: in the largest power-of-1024 unit (`K`, `M`, `G`, `T`, `P`, `E`, `Z`) that keeps the number at least 1, with no decimals when it is whole and otherwise three significant digits (`\"1.50T\"`, `\"10.5G\"`, `\"512M\"`, `\"1023\"`). For messages and outputs; `parse_size` reads it back to within the rounding shown.",
        [new FunctionParameter("bytes", TfType.Number, "A whole, non-negative number of bytes.")],
        TfType.String);

    public TfValue Call(IReadOnlyList<TfValue> arguments)
    {
        var number = arguments[0].AsNumber();
        if (!number.IsInteger || number.Mantissa.Sign < 0 || number.Exponent > 30)
        {
            throw new FunctionException($"{number} is not a whole number of bytes between 0 and 10^30.", 0);
        }
        return TfValue.String(Format(number.Mantissa * BigInteger.Pow(10, number.Exponent)));
    }

    internal static string Format(BigInteger bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture);
        }
        var unit = 0;
        var divisor = new BigInteger(1024);
        while (unit < Suffixes.Length - 1 && bytes >= divisor * 1024)
        {
            divisor *= 1024;
            unit++;
        }
        var suffix = Suffixes[unit];
        if (bytes % divisor == 0)
        {
            return (bytes / divisor).ToString(CultureInfo.InvariantCulture) + suffix;
        }
        var value = (double)bytes / (double)divisor;
        var format = value < 10 ? "0.00" : value < 100 ? "0.0" : "0";
        return value.ToString(format, CultureInfo.InvariantCulture) + suffix;
    }
}

using System.Globalization;
using System.Numerics;
using System.Text;

namespace Homelab.Provider.Framework.Values;

/// <summary>
/// An exact decimal number: <c>Mantissa × 10^Exponent</c>, normalised so that equal numbers are
/// equal structurally. cty numbers are arbitrary-precision (1e400 is a valid value), so neither
/// <see cref="double"/> nor <see cref="decimal"/> can carry them.
/// </summary>
public readonly struct TfNumber : IEquatable<TfNumber>, IComparable<TfNumber>
{
    private TfNumber(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero)
        {
            exponent = 0;
        }
        else
        {
            while (mantissa % 10 == 0)
            {
                mantissa /= 10;
                exponent++;
            }
        }
        Mantissa = mantissa;
        Exponent = exponent;
    }

    /// <summary>Largest decimal exponent accepted when parsing (far beyond any real attribute value).</summary>
    public const int MaxExponent = 100_000;

    /// <summary>The number 0 (also <c>default(TfNumber)</c>).</summary>
    public static TfNumber Zero => default;

    /// <summary>The significant digits, with sign and without trailing zeros (0 for zero).</summary>
    public BigInteger Mantissa { get; }

    /// <summary>The power of ten <see cref="Mantissa"/> is scaled by; negative for a fraction, 0 for zero.</summary>
    public int Exponent { get; }

    /// <summary>True when the number is a whole number (of any size; see <see cref="TryGetInt64"/> for the range check).</summary>
    public bool IsInteger => Exponent >= 0;

    /// <summary>The exact number <paramref name="value"/>.</summary>
    /// <param name="value">A whole number.</param>
    /// <returns>The number.</returns>
    public static TfNumber FromInt64(long value) => new(value, 0);

    /// <summary>The exact number <paramref name="value"/>.</summary>
    /// <param name="value">A whole number.</param>
    /// <returns>The number.</returns>
    public static TfNumber FromUInt64(ulong value) => new(value, 0);

    /// <summary>The exact number <paramref name="value"/>, however large.</summary>
    /// <param name="value">A whole number.</param>
    /// <returns>The number.</returns>
    public static TfNumber FromBigInteger(BigInteger value) => new(value, 0);

    /// <summary>From a float64, taking the shortest decimal that round-trips to the same double.</summary>
    public static TfNumber FromDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "cty numbers are finite.");
        }
        return Parse(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses decimal notation as <see cref="TryParse"/> does.</summary>
    /// <param name="text">E.g. <c>42</c>, <c>-1.5</c>, <c>6.02e23</c>.</param>
    /// <returns>The exact number.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a number, or its exponent exceeds <see cref="MaxExponent"/>.</exception>
    public static TfNumber Parse(string text) =>
        TryParse(text, out var n) ? n : throw new FormatException($"\"{text}\" is not a number.");

    /// <summary>Parses decimal notation with optional sign, fraction and exponent (JSON number syntax, leniently).</summary>
    public static bool TryParse(string text, out TfNumber number)
    {
        number = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            return false;
        }
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        var exponent = 0;
        var e = s.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }
            s = s[..e];
        }
        // Bound the exponent so hostile input cannot make ToString allocate gigabytes.
        if (Math.Abs((long)exponent) > MaxExponent)
        {
            return false;
        }
        var digits = new StringBuilder(s.Length);
        var seenDot = false;
        foreach (var c in s)
        {
            if (c == '.' && !seenDot)
            {
                seenDot = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                if (seenDot)
                {
                    exponent--;
                }
            }
            else
            {
                return false;
            }
        }
        if (digits.Length == 0)
        {
            return false;
        }
        var mantissa = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        number = new TfNumber(negative ? -mantissa : mantissa, exponent);
        return true;
    }

    /// <summary>The number as a <see cref="long"/>, when it is a whole number in range.</summary>
    /// <param name="value">The number, or 0 when the method returns false.</param>
    /// <returns>False for a fraction or a number outside the <see cref="long"/> range.</returns>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (!IsInteger || Exponent > 19)
        {
            return false;
        }
        var full = Mantissa * BigInteger.Pow(10, Exponent);
        if (full < long.MinValue || full > long.MaxValue)
        {
            return false;
        }
        value = (long)full;
        return true;
    }

    /// <summary>The number as a <see cref="ulong"/>, when it is a non-negative whole number in range.</summary>
    /// <param name="value">The number, or 0 when the method returns false.</param>
    /// <returns>False for a fraction, a negative number or one above <see cref="ulong.MaxValue"/>.</returns>
    public bool TryGetUInt64(out ulong value)
    {
        value = 0;
        if (!IsInteger || Exponent > 20 || Mantissa.Sign < 0)
        {
            return false;
        }
        var full = Mantissa * BigInteger.Pow(10, Exponent);
        if (full > ulong.MaxValue)
        {
            return false;
        }
        value = (ulong)full;
        return true;
    }

    /// <summary>True when a float64 holds exactly this number's shortest decimal (the cty msgpack float rule).</summary>
    public bool TryGetExactDouble(out double value)
    {
        value = double.Parse(ToString(), CultureInfo.InvariantCulture);
        return !double.IsInfinity(value) && FromDouble(value).Equals(this);
    }

    /// <summary>The nearest <see cref="double"/>: may lose precision; a number beyond the double range becomes an infinity. Use <see cref="TryGetExactDouble"/> to know whether it is exact.</summary>
    /// <returns>The approximated number.</returns>
    public double ToDouble() => double.Parse(ToString(), CultureInfo.InvariantCulture);

    /// <summary>Plain decimal notation without exponent, like Go's <c>big.Float.Text('f', -1)</c>.</summary>
    public override string ToString()
    {
        var negative = Mantissa.Sign < 0;
        var digits = BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture);
        string body;
        if (Exponent >= 0)
        {
            body = Mantissa.IsZero ? "0" : digits + new string('0', Exponent);
        }
        else
        {
            var point = digits.Length + Exponent;
            body = point > 0
                ? digits[..point] + "." + digits[point..]
                : "0." + new string('0', -point) + digits;
        }
        return negative ? "-" + body : body;
    }

    /// <summary>Numeric equality: <c>1.50</c> and <c>1.5</c> are equal, as the representation is normalised.</summary>
    /// <param name="other">The number to compare with.</param>
    /// <returns>Whether both are the same number.</returns>
    public bool Equals(TfNumber other) => Exponent == other.Exponent && Mantissa.Equals(other.Mantissa);

    /// <summary>Numeric equality with another <see cref="TfNumber"/>; see <see cref="Equals(TfNumber)"/>.</summary>
    /// <param name="obj">The object to compare with.</param>
    /// <returns>Whether <paramref name="obj"/> is the same number.</returns>
    public override bool Equals(object? obj) => obj is TfNumber n && Equals(n);

    /// <summary>A hash consistent with <see cref="Equals(TfNumber)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Mantissa, Exponent);

    /// <summary>Exact numeric order.</summary>
    /// <param name="other">The number to compare with.</param>
    /// <returns>Negative, zero or positive as this number is less than, equal to or greater than <paramref name="other"/>.</returns>
    public int CompareTo(TfNumber other)
    {
        var scale = Math.Min(Exponent, other.Exponent);
        var a = Mantissa * BigInteger.Pow(10, Exponent - scale);
        var b = other.Mantissa * BigInteger.Pow(10, other.Exponent - scale);
        return a.CompareTo(b);
    }

    /// <summary>Numeric equality; see <see cref="Equals(TfNumber)"/>.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>Whether both are the same number.</returns>
    public static bool operator ==(TfNumber left, TfNumber right) => left.Equals(right);

    /// <summary>Numeric inequality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>Whether the numbers differ.</returns>
    public static bool operator !=(TfNumber left, TfNumber right) => !left.Equals(right);

    /// <summary>Exact numeric comparison.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>Whether <paramref name="left"/> is less than <paramref name="right"/>.</returns>
    public static bool operator <(TfNumber left, TfNumber right) => left.CompareTo(right) < 0;

    /// <summary>Exact numeric comparison.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>Whether <paramref name="left"/> is greater than <paramref name="right"/>.</returns>
    public static bool operator >(TfNumber left, TfNumber right) => left.CompareTo(right) > 0;

    /// <summary>Exact numeric comparison.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>Whether <paramref name="left"/> is less than or equal to <paramref name="right"/>.</returns>
    public static bool operator <=(TfNumber left, TfNumber right) => left.CompareTo(right) <= 0;

    /// <summary>Exact numeric comparison.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>Whether <paramref name="left"/> is greater than or equal to <paramref name="right"/>.</returns>
    public static bool operator >=(TfNumber left, TfNumber right) => left.CompareTo(right) >= 0;
}

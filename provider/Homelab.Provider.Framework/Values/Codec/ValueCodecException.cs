namespace Homelab.Provider.Framework.Values.Codec;

/// <summary>
/// Wire data (cty msgpack, cty JSON or cty type JSON) that cannot be decoded against the expected
/// type. <see cref="AttributePath"/> names where in the value the problem is, in Terraform's
/// notation (<c>.tags["x"]</c>, <c>.rules[0].port</c>); it is empty for the value as a whole.
/// </summary>
public sealed class ValueCodecException : Exception
{
    /// <summary>A decoding failure of the value as a whole with a generic detail.</summary>
    public ValueCodecException()
        : this(string.Empty, "The value could not be decoded.")
    {
    }

    /// <summary>A decoding failure of the value as a whole.</summary>
    /// <param name="message">The detail; the message becomes <c>At the root value: </c> + detail.</param>
    public ValueCodecException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>A decoding failure of the value as a whole.</summary>
    /// <param name="message">The detail; the message becomes <c>At the root value: </c> + detail.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ValueCodecException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>A decoding failure at <paramref name="attributePath"/>; the message is <c>At {path}: {detail}</c>.</summary>
    /// <param name="attributePath">Where in the value, e.g. <c>.tags["x"]</c>; empty for the root value.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ValueCodecException(string attributePath, string detail, Exception? innerException = null)
        : base(Format(attributePath, detail), innerException)
    {
        AttributePath = attributePath;
        Detail = detail;
    }

    /// <summary>Where the problem is, e.g. <c>.tags["x"]</c>; empty for the root value.</summary>
    public string AttributePath { get; }

    /// <summary>The problem itself, without the path.</summary>
    public string Detail { get; }

    private static string Format(string attributePath, string detail) =>
        attributePath.Length == 0 ? $"At the root value: {detail}" : $"At {attributePath}: {detail}";
}

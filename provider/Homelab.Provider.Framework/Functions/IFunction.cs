using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Functions;

/// <summary>
/// A provider-defined function (protocol 6.5+; Terraform ≥ 1.8, OpenTofu ≥ 1.7), called in HCL as
/// <c>provider::&lt;provider&gt;::&lt;name&gt;(...)</c>. Functions are pure: same arguments, same
/// result, no host access, no provider configuration (clients may call them before configuring).
/// </summary>
public interface IFunction
{
    /// <summary>The function's name, e.g. <c>parse_size</c>: lowercase letters, digits and <c>_</c>.</summary>
    string Name { get; }

    /// <summary>The signature and documentation sent to the client with the provider schema; the server checks each argument against it (type, null) before calling <see cref="Call"/>.</summary>
    FunctionDefinition Definition { get; }

    /// <summary>
    /// Computes the result. <paramref name="arguments"/> holds one value per parameter (then the
    /// variadic ones), each already of its declared type and known; null only where the parameter
    /// allows null. Throws <see cref="FunctionException"/> for bad arguments.
    /// </summary>
    TfValue Call(IReadOnlyList<TfValue> arguments);
}

/// <summary>A function's signature and documentation (Markdown).</summary>
public sealed record FunctionDefinition(string Summary, string Description, IReadOnlyList<FunctionParameter> Parameters, TfType Return)
{
    /// <summary>A parameter taking any number of trailing arguments, or null.</summary>
    public FunctionParameter? Variadic { get; init; }
}

/// <summary>One parameter. Unknown arguments never reach <see cref="IFunction.Call"/>: the result is then unknown.</summary>
public sealed record FunctionParameter(string Name, TfType Type, string Description)
{
    /// <summary>
    /// Whether a null argument may be passed. When false (the default) the server answers a null
    /// argument with a function error on that argument and never calls <see cref="IFunction.Call"/>;
    /// when true, <see cref="IFunction.Call"/> receives the null <see cref="TfValue"/>.
    /// </summary>
    public bool AllowNull { get; init; }
}

/// <summary>A bad argument: the client shows <see cref="Exception.Message"/> on the argument (0-based index).</summary>
public sealed class FunctionException : Exception
{
    /// <summary>A function error with <paramref name="message"/>, attributed to argument <paramref name="argument"/> when given.</summary>
    /// <param name="message">What is wrong with the argument, shown to the user.</param>
    /// <param name="argument">The 0-based index of the offending argument (variadic ones continue the count); null for the call as a whole.</param>
    public FunctionException(string message, int? argument = null)
        : base(message) => Argument = argument;

    /// <summary>A function error with the default exception message, not tied to an argument.</summary>
    public FunctionException()
    {
    }

    /// <summary>A function error with <paramref name="message"/>, not tied to an argument.</summary>
    /// <param name="message">What is wrong, shown to the user.</param>
    public FunctionException(string message)
        : base(message)
    {
    }

    /// <summary>A function error with <paramref name="message"/>, not tied to an argument.</summary>
    /// <param name="message">What is wrong, shown to the user.</param>
    /// <param name="innerException">The underlying exception; it is not shown to the user.</param>
    public FunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 0-based index of the argument the error is about, or null when it concerns the call as a whole.</summary>
    public int? Argument { get; }
}

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
    public bool AllowNull { get; init; }
}

/// <summary>A bad argument: the client shows <see cref="Exception.Message"/> on the argument (0-based index).</summary>
public sealed class FunctionException : Exception
{
    public FunctionException(string message, int? argument = null)
        : base(message) => Argument = argument;

    public FunctionException()
    {
    }

    public FunctionException(string message)
        : base(message)
    {
    }

    public FunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int? Argument { get; }
}

namespace Homelab.Provider.Framework.Values;

/// <summary>The kinds of cty types a schema can imply.</summary>
public enum TypeKind
{
    /// <summary>A Unicode string.</summary>
    String,
    /// <summary>An arbitrary-precision decimal number (<see cref="TfNumber"/>).</summary>
    Number,
    /// <summary>true or false.</summary>
    Bool,
    /// <summary>An ordered sequence of one element type (<see cref="TfType.Element"/>).</summary>
    List,
    /// <summary>An unordered collection of distinct values of one element type.</summary>
    Set,
    /// <summary>String keys to values of one element type.</summary>
    Map,
    /// <summary>A fixed set of named attributes, each with its own type (<see cref="TfType.Attributes"/>); resource values are objects.</summary>
    Object,
    /// <summary>A fixed-length sequence with a type per position (<see cref="TfType.TupleElements"/>).</summary>
    Tuple,

    /// <summary>cty's DynamicPseudoType: the concrete type travels with the value.</summary>
    Dynamic,
}

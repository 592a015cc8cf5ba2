namespace Homelab.Provider.Framework.Values;

/// <summary>The kinds of cty types a schema can imply.</summary>
public enum TypeKind
{
    String,
    Number,
    Bool,
    List,
    Set,
    Map,
    Object,
    Tuple,

    /// <summary>cty's DynamicPseudoType: the concrete type travels with the value.</summary>
    Dynamic,
}

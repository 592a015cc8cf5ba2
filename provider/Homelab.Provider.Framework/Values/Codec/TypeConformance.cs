namespace Homelab.Provider.Framework.Values.Codec;

/// <summary>
/// Whether a value may be encoded into a slot of a given type, as cty's <c>TestConformance</c>
/// decides: <see cref="TypeKind.Dynamic"/> in the slot accepts anything. A dynamic-typed value
/// (a null or unknown of unspecified type, or a collection built with a dynamic element type)
/// is accepted at type level; its parts are then checked one by one while encoding.
/// </summary>
internal static class TypeConformance
{
    public static bool Conforms(TfType valueType, TfType slot)
    {
        if (slot.Kind == TypeKind.Dynamic || valueType.Kind == TypeKind.Dynamic)
        {
            return true;
        }
        if (valueType.Kind != slot.Kind)
        {
            return false;
        }
        switch (slot.Kind)
        {
            case TypeKind.List or TypeKind.Set or TypeKind.Map:
                return Conforms(valueType.Element!, slot.Element!);
            case TypeKind.Object:
                if (valueType.Attributes.Count != slot.Attributes.Count)
                {
                    return false;
                }
                foreach (var (name, attrType) in slot.Attributes)
                {
                    if (!valueType.Attributes.TryGetValue(name, out var valueAttrType) || !Conforms(valueAttrType, attrType))
                    {
                        return false;
                    }
                }
                return true;
            case TypeKind.Tuple:
                if (valueType.TupleElements.Length != slot.TupleElements.Length)
                {
                    return false;
                }
                for (var i = 0; i < slot.TupleElements.Length; i++)
                {
                    if (!Conforms(valueType.TupleElements[i], slot.TupleElements[i]))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    /// <summary>Throws the programmer-error exception when <paramref name="value"/> cannot go into <paramref name="slot"/>.</summary>
    public static void Require(TfValue value, TfType slot, ValuePath path)
    {
        if (!Conforms(value.Type, slot))
        {
            throw path.ArgumentError($"a value of type {value.Type} does not conform to {slot}.");
        }
    }
}

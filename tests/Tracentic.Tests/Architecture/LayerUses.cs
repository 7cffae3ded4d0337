using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Tracentic.Tests.Architecture;

/// <summary>One type of the assembly using another of another namespace.</summary>
internal readonly record struct LayerUse(string FromType, string From, string ToType, string To);

/// <summary>
/// The uses between namespaces of one assembly, read from its metadata: base types and interfaces, field, method and
/// property signatures, local variables, and every type, method and field token in method bodies. Compiler-generated
/// types (closures, state machines) count as their declaring type. Types outside the assembly's <c>Tracentic</c>
/// namespaces (embedded attributes) are left out.
/// </summary>
internal static class LayerUses
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields()
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value, code => code.OperandType);

    public static List<LayerUse> Of(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new TypeNames(reader);
        var uses = new List<LayerUse>();

        foreach (var handle in reader.TypeDefinitions)
        {
            var from = names.Outermost(handle);
            if (names.Namespace(from) is not { } fromNamespace)
            {
                continue;
            }

            var used = new HashSet<TypeDefinitionHandle>();
            var type = reader.GetTypeDefinition(handle);
            AddType(reader, names, type.BaseType, used);
            foreach (var implemented in type.GetInterfaceImplementations())
            {
                AddType(reader, names, reader.GetInterfaceImplementation(implemented).Interface, used);
            }

            foreach (var fieldHandle in type.GetFields())
            {
                used.UnionWith(reader.GetFieldDefinition(fieldHandle).DecodeSignature(names, null));
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var signature = reader.GetPropertyDefinition(propertyHandle).DecodeSignature(names, null);
                used.UnionWith(signature.ReturnType);
                used.UnionWith(signature.ParameterTypes.SelectMany(p => p));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var signature = method.DecodeSignature(names, null);
                used.UnionWith(signature.ReturnType);
                used.UnionWith(signature.ParameterTypes.SelectMany(p => p));
                if (method.RelativeVirtualAddress != 0)
                {
                    AddBody(reader, names, pe.GetMethodBody(method.RelativeVirtualAddress), used);
                }
            }

            foreach (var target in used)
            {
                var to = names.Outermost(target);
                if (names.Namespace(to) is { } toNamespace && toNamespace != fromNamespace)
                {
                    uses.Add(new LayerUse(names.FullName(from), fromNamespace, names.FullName(to), toNamespace));
                }
            }
        }

        return uses;
    }

    private static void AddBody(MetadataReader reader, TypeNames names, MethodBodyBlock body, HashSet<TypeDefinitionHandle> used)
    {
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null))
            {
                used.UnionWith(local);
            }
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            switch (Operands[value])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.ReadByte();
                    break;
                case OperandType.InlineVar:
                    il.ReadInt16();
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.ReadInt64();
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    for (var i = 0; i < targets; i++)
                    {
                        il.ReadInt32();
                    }

                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    AddToken(reader, names, MetadataTokens.EntityHandle(il.ReadInt32()), used);
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    il.ReadInt32();
                    break;
            }
        }
    }

    private static void AddToken(MetadataReader reader, TypeNames names, EntityHandle handle, HashSet<TypeDefinitionHandle> used)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                used.Add(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                used.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                AddToken(reader, names, member.Parent, used);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    var signature = member.DecodeMethodSignature(names, null);
                    used.UnionWith(signature.ReturnType);
                    used.UnionWith(signature.ParameterTypes.SelectMany(p => p));
                }
                else
                {
                    used.UnionWith(member.DecodeFieldSignature(names, null));
                }

                break;
            case HandleKind.MethodSpecification:
                var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddToken(reader, names, specification.Method, used);
                used.UnionWith(specification.DecodeSignature(names, null).SelectMany(t => t));
                break;
            default:
                AddType(reader, names, handle, used);
                break;
        }
    }

    private static void AddType(MetadataReader reader, TypeNames names, EntityHandle handle, HashSet<TypeDefinitionHandle> used)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                used.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                used.UnionWith(reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(names, null));
                break;
        }
    }

    /// <summary>Decodes signatures into the assembly's own types they mention.</summary>
    private sealed class TypeNames(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        private static readonly ImmutableArray<TypeDefinitionHandle> None = [];

        public TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
        {
            while (reader.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } declaring)
            {
                handle = declaring;
            }

            return handle;
        }

        /// <summary>The namespace, when it is one of Tracentic's: the root or one of its folders (one level).</summary>
        public string? Namespace(TypeDefinitionHandle handle)
        {
            var name = reader.GetString(reader.GetTypeDefinition(handle).Namespace);
            if (name != "Tracentic" && !name.StartsWith("Tracentic.", StringComparison.Ordinal))
            {
                return null;
            }

            var parts = name.Split('.');
            return parts.Length > 2 ? $"{parts[0]}.{parts[1]}" : name;
        }

        public string FullName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            return $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}";
        }

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => None;

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader metadata, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            metadata.GetTypeSpecification(handle).DecodeSignature(this, context);

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(argument => argument)];

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];
    }
}

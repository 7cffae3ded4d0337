namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>How the wrapper reaches the receiver and calls the original method.</summary>
internal enum ReceiverKind
{
    /// <summary><c>global::Type.Method(args)</c>.</summary>
    Static,

    /// <summary>A class or interface receiver, passed as <c>this Type</c>.</summary>
    Instance,

    /// <summary>A struct receiver passed as <c>this ref</c>, so the method mutates the caller's struct.</summary>
    InstanceRef,

    /// <summary>A struct receiver of a readonly member, passed as <c>this in</c>.</summary>
    InstanceIn,

    /// <summary>A classic extension method (or the implementation of an extension block member): static, receiver first.</summary>
    Extension,
}

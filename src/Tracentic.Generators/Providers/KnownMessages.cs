namespace Tracentic.Generators.Providers;

/// <summary>
/// Where a call's input messages are, for content capture: a request type (with the path of its message list), or a
/// message type (an argument that is one message or a collection of them). Role and text are paths from one message;
/// without a role path the role comes from the message's type name (OpenAI's <c>UserChatMessage</c> → <c>user</c>).
/// </summary>
internal sealed record KnownMessages(string MetadataName, string? Messages, string? Role, string Text);

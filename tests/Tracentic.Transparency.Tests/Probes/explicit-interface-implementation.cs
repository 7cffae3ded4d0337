// A private explicit interface implementation carrying the attribute, and one implementing an annotated member.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public interface IChat
{
    [TracenticLlmCall(Provider = "probe")]
    Reply Ask();

    int Count();
}
public class Chat : IChat
{
    Reply IChat.Ask() => new();

    [TracenticScope]
    int IChat.Count() => 1;

    public void Use() { IChat c = this; c.Ask(); c.Count(); }
}

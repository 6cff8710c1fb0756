using Backprop.Grading;

namespace Backprop.Tests.Grading;

public class AnswersTests
{
    [Theory]
    [InlineData("W1[0,1]", "W1[0, 1]")]
    [InlineData("W1[0,1]", " w1[ 0 ,1 ] ")]
    [InlineData("W1[0,1]", "'W1[0,1]'")]
    [InlineData("b", "\"B\"")]
    [InlineData("b", "“b”")]
    [InlineData("W2", "w2\t")]
    public void Case_spaces_and_quotes_do_not_matter(string right, string answer) => Assert.True(Answers.Same(answer, right));

    [Theory]
    [InlineData("W1[0,1]", "W1(0,1)")]
    [InlineData("W1[0,1]", "W1[1,0]")]
    [InlineData("b", "b)")]
    [InlineData("b", "")]
    public void Anything_else_is_a_different_answer(string right, string answer) => Assert.False(Answers.Same(answer, right));

    [Fact]
    public void An_unset_char_is_no_answer_and_never_shows_a_nul()
    {
        Assert.Equal("", Answers.FromChar('\0'));
        Assert.Equal("", Answers.FromChar(' '));
        Assert.Equal("B", Answers.FromChar('B'));
        Assert.Equal("\"a\\0b\"", Answers.Quoted("a\0b"));
    }

    [Fact]
    public void No_grading_item_holds_a_control_character()
    {
        var item = GradingItem.Wrong("answer \0", Mistake.Other, "answer \0 — tab\there");

        Assert.Equal("✘ answer \\0 — tab\\there", item.Message);
        Assert.Equal("answer \\0", item.Name);
    }
}

// The serial console's terminal (libvterm): what a guest's output does to the screen --
// colours, bold, cursor movement, clearing, and scrollback -- fed as the guest would send it.
#include "TerminalWidget.h"

#include <QtTest>

using namespace vireo;

class TestGuiTerminal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coloursAndAttributes();
    void cursorMovementAndClearing();
    void scrollbackKeepsWhatScrolledAway();
    void utf8();

private:
    static QString row(const TerminalWidget& t, int r) {
        return t.screenText().split(QLatin1Char('\n')).value(r);
    }
};

void TestGuiTerminal::coloursAndAttributes() {
    TerminalWidget t;
    t.resize(800, 400);
    t.feed("\x1b[31mRED\x1b[0m plain \x1b[1;44mBOLD\x1b[0m");
    QCOMPARE(row(t, 0).trimmed(), QStringLiteral("RED plain BOLD"));
    const QColor red = t.cellAt(0, 0).fg;
    QVERIFY2(red.red() > 2 * red.green() && red.red() > 2 * red.blue(), qPrintable(red.name()));
    QVERIFY(t.cellAt(0, 4).fg != red); // reset after \e[0m
    QVERIFY(t.cellAt(0, 10).bold);
    const QColor blue = t.cellAt(0, 10).bg;
    QVERIFY2(blue.blue() > 2 * blue.red(), qPrintable(blue.name()));
    QVERIFY(!t.cellAt(0, 4).bold);
}

void TestGuiTerminal::cursorMovementAndClearing() {
    TerminalWidget t;
    t.resize(800, 400);
    t.feed("first line\r\nsecond");
    t.feed("\x1b[5;10HX"); // row 5, column 10 (1-based)
    QCOMPARE(row(t, 4).at(9), QLatin1Char('X'));
    QCOMPARE(t.cursor(), QPoint(10, 4));
    t.feed("\x1b[1;1H\x1b[2K"); // back home, erase the line
    QCOMPARE(row(t, 0).trimmed(), QString());
    QCOMPARE(row(t, 1).trimmed(), QStringLiteral("second"));
    t.feed("\x1b[2J\x1b[H"); // clear the screen, like `clear`
    QVERIFY(t.screenText().trimmed().isEmpty());
}

void TestGuiTerminal::scrollbackKeepsWhatScrolledAway() {
    TerminalWidget t;
    t.resize(800, 400);
    QByteArray lines;
    for (int i = 0; i < 200; ++i)
        lines += "line " + QByteArray::number(i) + "\r\n";
    t.feed(lines);
    QVERIFY2(t.scrollbackLines() >= 150, qPrintable(QString::number(t.scrollbackLines())));
    QVERIFY(t.screenText().contains(QStringLiteral("line 199")));
    QVERIFY(!t.screenText().contains(QStringLiteral("line 0\n")));
}

void TestGuiTerminal::utf8() {
    TerminalWidget t;
    t.resize(800, 400);
    t.feed("gr\xc3\xbc\xc3\x9f dich \xe2\x82\xac"); // "grüß dich €"
    QCOMPARE(row(t, 0).trimmed(), QStringLiteral("grüß dich €"));
}

QTEST_MAIN(TestGuiTerminal)
#include "tst_gui_terminal.moc"

#include "vm/KeyboardTyping.h"

#include "qemu/QmpSync.h"
#include "vm/VmRuntime.h"

#include <QHash>
#include <QJsonArray>
#include <linux/input-event-codes.h>

namespace vireo {

namespace {

const QString kShift = QStringLiteral("shift");
const QString kAltGr = QStringLiteral("alt_r");

// Keys that type the same on both layouts.
void addCommon(QHash<QChar, QStringList>& map) {
    map.insert(QLatin1Char(' '), {QStringLiteral("spc")});
    map.insert(QLatin1Char('\n'), {QStringLiteral("ret")});
    map.insert(QLatin1Char('\t'), {QStringLiteral("tab")});
    for (char d = '0'; d <= '9'; ++d)
        map.insert(QLatin1Char(d), {QString(QLatin1Char(d))});
}

void addLetters(QHash<QChar, QStringList>& map, bool swapYZ) {
    for (char c = 'a'; c <= 'z'; ++c) {
        char key = c;
        if (swapYZ && c == 'y') key = 'z';
        if (swapYZ && c == 'z') key = 'y';
        const QString qcode = QString(QLatin1Char(key));
        map.insert(QLatin1Char(c), {qcode});
        map.insert(QLatin1Char(char(c - 'a' + 'A')), {kShift, qcode});
    }
}

void add(QHash<QChar, QStringList>& map, const char* chars, const char* const* keys,
         const QStringList& modifiers) {
    for (int i = 0; chars[i]; ++i)
        map.insert(QLatin1Char(chars[i]), modifiers + QStringList{QLatin1String(keys[i])});
}

const QHash<QChar, QStringList>& usMap() {
    static const QHash<QChar, QStringList> map = [] {
        QHash<QChar, QStringList> m;
        addCommon(m);
        addLetters(m, false);
        static const char* const keys[] = {
            "minus",      "equal",        "bracket_left", "bracket_right", "backslash", "semicolon",
            "apostrophe", "grave_accent", "comma",        "dot",           "slash"};
        add(m, "-=[]\\;'`,./", keys, {});
        add(m, "_+{}|:\"~<>?", keys, {kShift});
        static const char* const digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
        add(m, "!@#$%^&*()", digits, {kShift});
        return m;
    }();
    return map;
}

// Linux's de-latin1-nodeadkeys (and Windows' German layout) on an ISO keyboard.
const QHash<QChar, QStringList>& germanMap() {
    static const QHash<QChar, QStringList> map = [] {
        QHash<QChar, QStringList> m;
        addCommon(m);
        addLetters(m, true);
        static const char* const shiftedDigits[] = {"1", "2", "4", "5", "6", "7", "8", "9", "0"};
        add(m, "!\"$%&/()=", shiftedDigits, {kShift});
        static const char* const plain[] = {"bracket_right", "backslash", "comma",       "dot",
                                            "slash",         "less",      "grave_accent"};
        add(m, "+#,.-<^", plain, {});
        static const char* const shifted[] = {"bracket_right", "backslash", "comma", "dot",
                                              "slash",         "less",      "minus", "equal"};
        add(m, "*';:_>?`", shifted, {kShift});
        static const char* const altGr[] = {"7",   "8", "9", "0", "minus", "q", "bracket_right",
                                            "less"};
        add(m, "{[]}\\@~|", altGr, {kAltGr});
        m.insert(QChar(0x00df), {QStringLiteral("minus")});        // ß
        m.insert(QChar(0x00fc), {QStringLiteral("bracket_left")}); // ü
        m.insert(QChar(0x00f6), {QStringLiteral("semicolon")});    // ö
        m.insert(QChar(0x00e4), {QStringLiteral("apostrophe")});   // ä
        m.insert(QChar(0x00dc), {kShift, QStringLiteral("bracket_left")});
        m.insert(QChar(0x00d6), {kShift, QStringLiteral("semicolon")});
        m.insert(QChar(0x00c4), {kShift, QStringLiteral("apostrophe")});
        m.insert(QChar(0x00a7), {kShift, QStringLiteral("3")});            // §
        m.insert(QChar(0x00b0), {kShift, QStringLiteral("grave_accent")}); // °
        return m;
    }();
    return map;
}

} // namespace

bool parseKeyboardLayout(const QString& name, KeyboardLayout* out) {
    if (name == QLatin1String("us") || name == QLatin1String("en-us"))
        *out = KeyboardLayout::Us;
    else if (name == QLatin1String("de") || name == QLatin1String("german"))
        *out = KeyboardLayout::German;
    else
        return false;
    return true;
}

Result<QVector<QStringList>> keystrokesFor(const QString& text, KeyboardLayout layout) {
    const auto& map = layout == KeyboardLayout::Us ? usMap() : germanMap();
    QVector<QStringList> out;
    for (const QChar c : text) {
        if (c == QLatin1Char('\r')) continue; // CRLF from a Windows clipboard
        const auto it = map.constFind(c);
        if (it == map.constEnd())
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("character '%1' (U+%2) cannot be typed on a %3 keyboard")
                    .arg(c.isPrint() ? QString(c) : QStringLiteral("?"))
                    .arg(c.unicode(), 4, 16, QLatin1Char('0'))
                    .arg(layout == KeyboardLayout::Us ? QStringLiteral("US")
                                                      : QStringLiteral("German")),
                QStringLiteral("remove it, or pick the guest's layout with --layout us|de"));
        out.append(*it);
    }
    return out;
}

int linuxKeycodeOf(const QString& qcode) {
    static const QHash<QString, int> codes = [] {
        QHash<QString, int> m{{QStringLiteral("shift"), KEY_LEFTSHIFT},
                              {QStringLiteral("alt_r"), KEY_RIGHTALT},
                              {QStringLiteral("spc"), KEY_SPACE},
                              {QStringLiteral("ret"), KEY_ENTER},
                              {QStringLiteral("tab"), KEY_TAB},
                              {QStringLiteral("minus"), KEY_MINUS},
                              {QStringLiteral("equal"), KEY_EQUAL},
                              {QStringLiteral("bracket_left"), KEY_LEFTBRACE},
                              {QStringLiteral("bracket_right"), KEY_RIGHTBRACE},
                              {QStringLiteral("backslash"), KEY_BACKSLASH},
                              {QStringLiteral("semicolon"), KEY_SEMICOLON},
                              {QStringLiteral("apostrophe"), KEY_APOSTROPHE},
                              {QStringLiteral("grave_accent"), KEY_GRAVE},
                              {QStringLiteral("comma"), KEY_COMMA},
                              {QStringLiteral("dot"), KEY_DOT},
                              {QStringLiteral("slash"), KEY_SLASH},
                              {QStringLiteral("less"), KEY_102ND}, // the ISO key beside left shift
                              {QStringLiteral("0"), KEY_0}};
        // KEY_1..KEY_9 are consecutive; the letters follow the keyboard's rows.
        for (int d = 1; d <= 9; ++d)
            m.insert(QString::number(d), KEY_1 + d - 1);
        static const int letters[] = {KEY_A, KEY_B, KEY_C, KEY_D, KEY_E, KEY_F, KEY_G, KEY_H, KEY_I,
                                      KEY_J, KEY_K, KEY_L, KEY_M, KEY_N, KEY_O, KEY_P, KEY_Q, KEY_R,
                                      KEY_S, KEY_T, KEY_U, KEY_V, KEY_W, KEY_X, KEY_Y, KEY_Z};
        for (int i = 0; i < 26; ++i)
            m.insert(QString(QLatin1Char(char('a' + i))), letters[i]);
        return m;
    }();
    return codes.value(qcode, -1);
}

Status typeText(const Library& library, const QString& vm, const QString& text,
                KeyboardLayout layout) {
    auto keys = keystrokesFor(text, layout);
    if (!keys) return keys.error();
    auto spec = library.load(vm);
    if (!spec) return spec.error();
    VmRuntime rt(library, *spec);
    const VmStatus st = rt.status();
    if (st.state != VmState::Running)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' is %2, not running").arg(vm, toString(st.state)),
                         QStringLiteral("start it first with 'vireoctl vm start %1'").arg(vm));
    auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
    if (!qmp) return qmp.error();
    for (const auto& chord : *keys) {
        QJsonArray arr;
        for (const auto& k : chord)
            arr.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("qcode")},
                                   {QStringLiteral("data"), k}});
        // Held 20 ms: long enough for any guest's keyboard handler, short enough that a
        // line types in about a second.
        auto r = QmpSync::call(
            **qmp, QStringLiteral("send-key"),
            QJsonObject{{QStringLiteral("keys"), arr}, {QStringLiteral("hold-time"), 20}});
        if (!r) return r.error();
    }
    return {};
}

} // namespace vireo

#include "HistoryChart.h"

#include <QPainter>
#include <QPainterPath>

namespace vireo {

HistoryChart::HistoryChart(QString title, QString unit, QWidget* parent)
    : QWidget(parent), m_title(std::move(title)), m_unit(std::move(unit)) {
    setMinimumHeight(80);
}

void HistoryChart::append(double first, double second) {
    m_first.append(first);
    if (second >= 0) m_second.append(second);
    if (m_first.size() > m_capacity) m_first.removeFirst();
    if (m_second.size() > m_capacity) m_second.removeFirst();
    update();
}

void HistoryChart::clear() {
    m_first.clear();
    m_second.clear();
    update();
}

void HistoryChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    const int titleHeight = fontMetrics().height() + 4;
    const QRectF plot = QRectF(rect()).adjusted(4, titleHeight, -4, -4);
    double top = 1;
    for (double v : m_first)
        top = std::max(top, v);
    for (double v : m_second)
        top = std::max(top, v);
    top *= 1.15; // headroom, so the line does not run along the frame
    p.setPen(QPen(pal.mid().color(), 1, Qt::DotLine));
    for (int i = 1; i < 4; ++i)
        p.drawLine(QPointF(plot.left(), plot.top() + plot.height() * i / 4),
                   QPointF(plot.right(), plot.top() + plot.height() * i / 4));
    auto drawSeries = [&](const QVector<double>& values, const QColor& colour) {
        if (values.size() < 2) return;
        QPainterPath path;
        const double step = plot.width() / std::max(1, m_capacity - 1);
        const double x0 = plot.right() - step * (values.size() - 1);
        for (int i = 0; i < values.size(); ++i) {
            const QPointF pt(x0 + step * i, plot.bottom() - plot.height() * values[i] / top);
            i == 0 ? path.moveTo(pt) : path.lineTo(pt);
        }
        p.setPen(QPen(colour, 1.5));
        p.drawPath(path);
    };
    drawSeries(m_first, pal.highlight().color());
    drawSeries(m_second, QColor(0xe0, 0x6c, 0x00));
    p.setPen(pal.text().color());
    const QString value =
        m_first.isEmpty()
            ? tr("no data")
            : (m_second.isEmpty()
                   ? QStringLiteral("%1 %2").arg(m_first.last(), 0, 'f', 1).arg(m_unit)
                   : QStringLiteral("%1 / %2 %3")
                         .arg(m_first.last(), 0, 'f', 1)
                         .arg(m_second.last(), 0, 'f', 1)
                         .arg(m_unit));
    p.drawText(QRectF(4, 2, width() - 8, titleHeight), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.drawText(QRectF(4, 2, width() - 8, titleHeight), Qt::AlignRight | Qt::AlignVCenter, value);
    p.setPen(pal.mid().color());
    p.drawRect(plot);
}

} // namespace vireo

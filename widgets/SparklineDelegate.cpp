#include "SparklineDelegate.h"

#include "VmListModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace vireo {

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QRectF area = QRectF(opt.rect).adjusted(3, 3, -3, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // CPU against one core (or more when the VM uses more), memory against its own peak.
    auto drawLine = [&](const QList<double>& values, double floor, QColor colour) {
        if (values.size() < 2) return;
        double top = floor;
        for (double v : values)
            top = std::max(top, v * 1.1);
        const double step = area.width() / 59.0; // a minute of one-second points
        const double x0 = area.right() - step * double(values.size() - 1);
        QPainterPath line;
        for (int i = 0; i < values.size(); ++i) {
            const QPointF p(x0 + step * i, area.bottom() - area.height() * values[i] / top);
            i == 0 ? line.moveTo(p) : line.lineTo(p);
        }
        colour.setAlphaF(0.6f);
        painter->setPen(QPen(colour, 1.2));
        painter->drawPath(line);
    };
    const bool selected = opt.state & QStyle::State_Selected;
    drawLine(index.data(VmListModel::MemoryActivityRole).value<QList<double>>(), 1,
             selected ? opt.palette.color(QPalette::HighlightedText) : QColor(0xe0, 0x6c, 0x00));
    drawLine(index.data(VmListModel::ActivityRole).value<QList<double>>(), 100,
             opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
    painter->setPen(opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                         : QPalette::Text));
    painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

} // namespace vireo

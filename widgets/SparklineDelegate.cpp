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

    const auto cpu = index.data(VmListModel::ActivityRole).value<QList<double>>();
    const QRectF area = QRectF(opt.rect).adjusted(3, 3, -3, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (cpu.size() >= 2) {
        double top = 100;
        for (double v : cpu)
            top = std::max(top, v);
        const double step = area.width() / 59.0; // a minute of one-second points
        const double x0 = area.right() - step * double(cpu.size() - 1);
        QPainterPath line;
        for (int i = 0; i < cpu.size(); ++i) {
            const QPointF p(x0 + step * i, area.bottom() - area.height() * cpu[i] / top);
            i == 0 ? line.moveTo(p) : line.lineTo(p);
        }
        QColor colour = opt.palette.color(
            opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Highlight);
        colour.setAlphaF(0.6f);
        painter->setPen(QPen(colour, 1.2));
        painter->drawPath(line);
    }
    painter->setPen(opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                         : QPalette::Text));
    painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

} // namespace vireo

#pragma once

#include <QStyledItemDelegate>

namespace vireo {

// Draws the list's Activity column: the last minute of CPU use as a line behind the
// current numbers, so a busy VM stands out without opening it.
class SparklineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace vireo

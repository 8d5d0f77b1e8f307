#pragma once

#include <QStyledItemDelegate>

namespace vireo {

// Draws the list's Activity column: the last minute of CPU use (blue) and resident
// memory (orange) as lines behind the current numbers, so a busy VM stands out.
class SparklineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace vireo

#pragma once

#include <QVector>
#include <QWidget>

namespace vireo {

// A small line chart of the last samples of one or two series (e.g. disk read and
// write), drawn with QPainter: no chart library, a few hundred points, a title with the
// latest value.
class HistoryChart : public QWidget {
    Q_OBJECT
public:
    HistoryChart(QString title, QString unit, QWidget* parent = nullptr);
    void setCapacity(int samples) { m_capacity = samples; }
    void append(double first, double second = -1);
    void clear();
    int sampleCount() const { return int(m_first.size()); }
    double latest() const { return m_first.isEmpty() ? 0 : m_first.last(); }
    QSize sizeHint() const override { return {320, 110}; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QString m_title;
    QString m_unit;
    int m_capacity = 300;
    QVector<double> m_first;
    QVector<double> m_second; // empty when the chart has one series
};

} // namespace vireo

package org.spamtraffic.stage;

import org.apache.spark.sql.SparkSession;
import org.spamtraffic.warehouse.Warehouse;

/**
 * What every stage of one study run shares: the Spark session, the warehouse, where inputs are and
 * where outputs go. Paths are Hadoop file system URIs.
 *
 * @param spark the session (created by the entry point, never by a stage)
 * @param warehouse the warehouse the stages read and write
 * @param outUri output root; reports go under {@code <outUri>/reports}
 * @param returnsLanding folder of operator return files
 * @param surveyLanding folder of questionnaire response files
 * @param studyId identifier of this study run, used to name the report bundle
 */
public record StudyContext(
    SparkSession spark,
    Warehouse warehouse,
    String outUri,
    String returnsLanding,
    String surveyLanding,
    String studyId) {}

/** A consumer of rqlib on the module path: needs nothing but {@code requires org.rqlib}. */
module org.rqlib.consumer {
    requires org.rqlib;
}
